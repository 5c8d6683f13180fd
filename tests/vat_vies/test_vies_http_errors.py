"""HTTP-level answers, in process through httpx.MockTransport: statuses, bodies, retries."""

from __future__ import annotations

import httpx
import pytest

from koppeling.vat.vies import ViesUnavailable, check_vat_number

VALID = {"countryCode": "DE", "vatNumber": "811363057", "requestDate": "2026-01-01T10:00:00.000Z",
         "valid": True, "requestIdentifier": "", "name": "---", "address": "---"}


def _answers(*responses: httpx.Response) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    seen: list[httpx.Request] = []
    queue = list(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return httpx.MockTransport(handler), seen


def test_it_posts_json_to_the_configured_url(settings):
    settings.VIES_URL = "https://vies.test/rest-api"
    transport, seen = _answers(httpx.Response(200, json=VALID))

    check_vat_number("DE811363057", transport=transport)

    assert str(seen[0].url) == "https://vies.test/rest-api/check-vat-number"
    assert seen[0].method == "POST"
    assert seen[0].headers["content-type"] == "application/json"


def test_invalid_input_with_a_client_error_status_is_not_valid(settings):
    body = {"actionSucceed": False, "errorWrappers": [{"error": "INVALID_INPUT"}]}
    transport, _ = _answers(httpx.Response(400, json=body))

    assert check_vat_number("DE811363057", transport=transport).valid is False


def test_a_not_found_without_a_vies_body_is_permanent(settings):
    transport, seen = _answers(httpx.Response(404, text="<html>Not Found</html>"))

    with pytest.raises(ViesUnavailable) as caught:
        check_vat_number("DE811363057", transport=transport)

    assert (caught.value.code, caught.value.permanent) == ("HTTP 404", True)
    assert len(seen) == 1


def test_a_maintenance_page_is_no_verdict(settings):
    transport, _ = _answers(httpx.Response(200, text="<html>VIES is under maintenance</html>"))

    with pytest.raises(ViesUnavailable) as caught:
        check_vat_number("DE811363057", transport=transport)

    assert caught.value.code == "NO_ANSWER"


def test_a_busy_answer_followed_by_a_verdict_is_that_verdict(settings):
    busy = {"actionSucceed": False, "errorWrappers": [{"error": "GLOBAL_MAX_CONCURRENT_REQ"}]}
    transport, seen = _answers(httpx.Response(200, json=busy), httpx.Response(200, json=VALID))
    sleeps: list[float] = []

    check = check_vat_number("DE811363057", transport=transport, sleep=sleeps.append)

    assert check.valid is True
    assert check.reference == "2026-01-01T10:00:00.000Z"
    assert len(seen) == 2 and len(sleeps) == 1


def test_an_unknown_error_code_is_no_verdict(settings):
    body = {"actionSucceed": False, "errorWrappers": [{"error": "SOMETHING_NEW"}]}
    transport, _ = _answers(httpx.Response(200, json=body))

    with pytest.raises(ViesUnavailable) as caught:
        check_vat_number("DE811363057", transport=transport)

    assert (caught.value.code, caught.value.permanent) == ("SOMETHING_NEW", False)
