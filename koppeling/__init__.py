"""Koppeling: books webshop and till sales into accounting software, correctly for VAT."""
