"""Shopify (Admin GraphQL API) as a sales source; see docs/connectors/shopify.md."""
