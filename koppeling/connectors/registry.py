"""Every connector in one greppable place: key -> (label, dotted path), imported lazily."""

from __future__ import annotations

from django.utils.module_loading import import_string

SALES = {
    "woocommerce": ("WooCommerce", "koppeling.connectors.sales.woocommerce.connector.WooCommerceSource"),
    "shopify": ("Shopify", "koppeling.connectors.sales.shopify.connector.ShopifySource"),
}

ACCOUNTING = {
    "moneybird": ("Moneybird", "koppeling.connectors.accounting.moneybird.connector.MoneybirdTarget"),
    "exact": ("Exact Online", "koppeling.connectors.accounting.exact.connector.ExactTarget"),
}


def sales_class(key: str):
    return import_string(SALES[key][1])


def accounting_class(key: str):
    return import_string(ACCOUNTING[key][1])


def label(key: str) -> str:
    return (SALES.get(key) or ACCOUNTING.get(key) or (key, ""))[0]
