"""Moneybird (moneybird.com) as accounting target. See docs/connectors/moneybird.md.

`fixtures/` holds sample API answers (copies of a public client library's test fixtures) used as
test data and as the reference for the simulator's answer shapes.
"""
