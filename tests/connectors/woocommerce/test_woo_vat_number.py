"""The buyer's VAT number is read from order meta, under the key a plugin happens to use."""

from koppeling.connectors.sales.woocommerce.mapping import VAT_NUMBER_KEYS, customer_from_order, vat_number


def meta(**values):
    return [{"id": i, "key": key, "value": value} for i, (key, value) in enumerate(values.items())]


def test_the_known_keys_are_tried_in_this_order():
    assert VAT_NUMBER_KEYS == ("_billing_vat_number", "_vat_number", "_billing_eu_vat_number", "_billing_vat",
                               "vat_number", "_vat_id", "billing_vat_number")


def test_it_prefers_the_earlier_known_key():
    data = meta(billing_vat_number="DE1", _vat_id="DE2", _billing_vat="DE3", _vat_number="BE0428759497")
    assert vat_number(data) == "BE0428759497"


def test_the_configured_key_comes_first():
    data = meta(_billing_vat_number="BE0428759497", my_plugin_vat=" DE811363057 ")
    assert vat_number(data, "my_plugin_vat") == "DE811363057"


def test_it_falls_back_when_the_configured_key_is_absent():
    assert vat_number(meta(_billing_eu_vat_number="NL000099998B57"), "my_plugin_vat") == "NL000099998B57"


def test_it_skips_empty_and_structured_values():
    data = meta(_billing_vat_number="", _vat_number={"number": "x"}, vat_number="DE811363057")
    assert vat_number(data) == "DE811363057"


def test_no_meta_means_no_vat_number():
    assert vat_number([]) == ""
    assert customer_from_order({"id": 1, "meta_data": meta(is_vat_exempt="yes")}).vat_number == ""


def test_the_customer_gets_it_with_the_configured_key():
    order = {"id": 1, "customer_id": 7, "billing": {"company": "Van Dijck Interieur BV", "country": "be"},
             "meta_data": meta(btw="BE0428759497")}
    customer = customer_from_order(order, "btw")
    assert (customer.vat_number, customer.country, customer.id) == ("BE0428759497", "BE", "7")
