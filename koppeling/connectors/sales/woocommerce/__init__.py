"""WooCommerce (REST API v3) as a sales source; see docs/connectors/woocommerce.md."""
