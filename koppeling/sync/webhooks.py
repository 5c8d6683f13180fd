"""POST /webhooks/<token>/: the shop tells us a sale changed. Verified on the raw body by the sales
connector; a verified delivery puts the sale on the queue at once, an unverified one gets 401.

The webhook only says *which* sale changed: the sale itself is read again from the shop's API, so a
forged or replayed body can never put its own amounts into the books. Polling stays on as the
safety net, and a sale seen by both is stored once.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from koppeling.sync.connections import sales_connector
from koppeling.sync.models import Koppeling

log = logging.getLogger(__name__)
MAX_BODY = 5 * 1024 * 1024


@csrf_exempt
@require_POST
def receive(request: HttpRequest, token: str) -> HttpResponse:
    from koppeling.sync.tasks import refresh_source

    koppeling = get_object_or_404(Koppeling, webhook_token=token, active=True)
    body = request.body
    if len(body) > MAX_BODY:
        return JsonResponse({"error": "payload too large"}, status=413)
    headers = {key.lower(): value for key, value in request.headers.items()}
    result = sales_connector(koppeling).read_webhook(headers, body)
    if not result.accepted:
        log.warning("webhook refused for koppeling %s from %s: %s", koppeling.pk,
                    request.META.get("REMOTE_ADDR", "?"), result.message)
        return JsonResponse({"error": "invalid signature"}, status=401)
    for source_id in result.source_ids:
        refresh_source(koppeling.pk, source_id, priority=50)
    return JsonResponse({"ok": True, "queued": len(result.source_ids)})
