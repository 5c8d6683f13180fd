"""The GraphQL documents the Shopify connector sends.

Each has an operation name (the simulator recognises them by it) and a first estimate of its
requested cost, used before the first answer tells the real one (see throttle.py). A single query
may not request more than 1000 points, so orders are listed by id in pages of 50 (cheap), and each
order and each refund is then read on its own with its lines (each well under the limit).
"""

from __future__ import annotations

from dataclasses import dataclass

API_VERSION = "2026-07"  # quarterly versions stay supported for at least a year
PAGE_SIZE = 50  # orders per page of ids
LINE_PAGE = 25  # line items per request (keeps an order query far below 1000 points); more are paged


@dataclass(frozen=True)
class Operation:
    name: str
    text: str
    cost: int  # estimated requested cost, until Shopify tells us


MONEY = "shopMoney { amount currencyCode }"
TAX_LINES = f"taxLines {{ title rate ratePercentage priceSet {{ {MONEY} }} }}"
ALLOCATIONS = f"discountAllocations {{ allocatedAmountSet {{ {MONEY} }} }}"
ADDRESS = "firstName lastName company address1 address2 zip city countryCodeV2"
LINE_ITEM = (f"id name title sku quantity isGiftCard originalUnitPriceSet {{ {MONEY} }} "
             f"originalTotalSet {{ {MONEY} }} {ALLOCATIONS} {TAX_LINES}")
REFUND_LINE = (f"quantity priceSet {{ {MONEY} }} subtotalSet {{ {MONEY} }} totalTaxSet {{ {MONEY} }} "
               f"lineItem {{ id name title sku isGiftCard {TAX_LINES} }}")

SHOP = Operation("KoppelingShop", """
query KoppelingShop {
  shop { name myshopifyDomain currencyCode }
  currentAppInstallation { accessScopes { handle } }
}""", 3)

ORDER_IDS = Operation("KoppelingOrderIds", """
query KoppelingOrderIds($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes { id legacyResourceId updatedAt }
  }
}""", 2 + PAGE_SIZE)

ORDER = Operation("KoppelingOrder", f"""
query KoppelingOrder($id: ID!, $lineItems: Int!, $withVatMetafield: Boolean!, $vatNamespace: String!,
                     $vatKey: String!) {{
  order(id: $id) {{
    id legacyResourceId name createdAt processedAt updatedAt cancelledAt test
    currencyCode taxesIncluded displayFinancialStatus email paymentGatewayNames
    customAttributes {{ key value }}
    customer {{
      id legacyResourceId firstName lastName email
      vatNumber: metafield(namespace: $vatNamespace, key: $vatKey) @include(if: $withVatMetafield) {{ value }}
    }}
    billingAddress {{ {ADDRESS} }}
    shippingAddress {{ {ADDRESS} }}
    totalPriceSet {{ {MONEY} }} totalTaxSet {{ {MONEY} }} subtotalPriceSet {{ {MONEY} }}
    totalShippingPriceSet {{ {MONEY} }} totalDiscountsSet {{ {MONEY} }}
    {TAX_LINES}
    lineItems(first: $lineItems) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {LINE_ITEM} }} }}
    shippingLines(first: 10) {{
      nodes {{
        id title code originalPriceSet {{ {MONEY} }} discountedPriceSet {{ {MONEY} }} {ALLOCATIONS} {TAX_LINES}
      }}
    }}
    transactions(first: 20) {{ id kind status gateway formattedGateway processedAt amountSet {{ {MONEY} }} }}
    refunds(first: 20) {{ id legacyResourceId createdAt totalRefundedSet {{ {MONEY} }} }}
  }}
}}""", 350)

ORDER_LINE_ITEMS = Operation("KoppelingOrderLineItems", f"""
query KoppelingOrderLineItems($id: ID!, $first: Int!, $after: String) {{
  order(id: $id) {{
    lineItems(first: $first, after: $after) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {LINE_ITEM} }} }}
  }}
}}""", 200)

REFUND = Operation("KoppelingRefund", f"""
query KoppelingRefund($id: ID!, $lineItems: Int!) {{
  refund(id: $id) {{
    id legacyResourceId createdAt note totalRefundedSet {{ {MONEY} }}
    order {{ id legacyResourceId }}
    refundLineItems(first: $lineItems) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {REFUND_LINE} }} }}
    refundShippingLines(first: 10) {{
      nodes {{ subtotalAmountSet {{ {MONEY} }} taxAmountSet {{ {MONEY} }} shippingLine {{ title {TAX_LINES} }} }}
    }}
    orderAdjustments(first: 10) {{ nodes {{ reason amountSet {{ {MONEY} }} taxAmountSet {{ {MONEY} }} }} }}
    transactions(first: 10) {{ nodes {{ kind status gateway formattedGateway amountSet {{ {MONEY} }} }} }}
  }}
}}""", 400)

REFUND_LINE_ITEMS = Operation("KoppelingRefundLineItems", f"""
query KoppelingRefundLineItems($id: ID!, $first: Int!, $after: String) {{
  refund(id: $id) {{
    refundLineItems(first: $first, after: $after) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {REFUND_LINE} }} }}
  }}
}}""", 250)

GATEWAYS = Operation("KoppelingGateways", """
query KoppelingGateways {
  orders(first: 100, sortKey: PROCESSED_AT, reverse: true) { nodes { paymentGatewayNames } }
}""", 102)

WEBHOOK_CREATE = Operation("KoppelingWebhookCreate", """
mutation KoppelingWebhookCreate($topic: WebhookSubscriptionTopic!, $uri: String!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: {uri: $uri, format: JSON}) {
    webhookSubscription { id topic }
    userErrors { field message }
  }
}""", 10)


def order_gid(legacy_id: str) -> str:
    return f"gid://shopify/Order/{legacy_id}"


def refund_gid(legacy_id: str) -> str:
    return f"gid://shopify/Refund/{legacy_id}"


def legacy_id(gid_or_id) -> str:
    """"gid://shopify/Order/450789469" -> "450789469" (numeric ids pass unchanged)."""
    return str(gid_or_id or "").rsplit("/", 1)[-1]
