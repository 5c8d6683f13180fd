"""check(): the green/red dot, with a Dutch reason when red."""

from koppeling.simulators import moneybird_data as demo


def test_it_is_green_with_the_administration_name(target):
    result = target.check()
    assert result.ok and result.message == "Demo Webwinkel B.V."


def test_it_is_red_without_a_token(make_target):
    result = make_target(credentials={}).check()
    assert not result.ok and "Nog niet gekoppeld" in result.message


def test_it_is_red_when_the_token_is_refused(make_target):
    result = make_target(credentials={"access_token": "ingetrokken"}).check()
    assert not result.ok and "weigert de toegangssleutel" in result.message


def test_it_is_red_without_a_chosen_administration(make_target):
    result = make_target(administration_id="").check()
    assert not result.ok and "Kies de Moneybird-administratie" in result.message


def test_it_is_red_for_an_administration_out_of_reach(make_target):
    result = make_target(administration_id="123456789").check()
    assert not result.ok and "niet bereikbaar" in result.message


def test_it_lists_the_administrations(target):
    options = target.administrations()
    assert [(o.id, o.label) for o in options] == [(demo.ADMINISTRATION_ID, "Demo Webwinkel B.V.")]
