"""What the shop simulators share: one webhook sender, and the admin routes tests and the demo use to
make orders, change their status, refund them and step the demo stream (no authentication):

  POST /_sim/orders {"count": 3, "scenario": "...", "status": "...", "created_at": "2025-03-14T12:00:00+00:00"}
  POST /_sim/orders/<id>/status {"status": "..."}
  POST /_sim/orders/<id>/refund {the shop's own refund fields, see `admin_refund`}
  POST /_sim/tick   one step of the demo stream
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import InvalidOperation
from pathlib import Path

from koppeling.simulators.base import Request, Response, Simulator, json_response
from koppeling.simulators.webhook_sender import WebhookSender

ORDER_ADMIN = re.compile(r"/_sim/orders(?:/(\d+)/(status|refund))?")


class ShopSimulator(Simulator):
    """Base for a shop: subclasses provide generate_order, set_status and demo_tick, and say how the
    admin routes answer a changed order, a refund and a failure, in the shop's own shapes."""

    def __init__(self, state_file: Path | str | None = None, seed: int | None = None):
        self.sender = WebhookSender(self.name)
        super().__init__(state_file, seed)

    def wait_for_webhooks(self, timeout: float = 10.0) -> bool:
        """Wait until every queued delivery has been posted (tests and the demo)."""
        return self.sender.wait(timeout)

    # --- to override -----------------------------------------------------------------------------
    def admin_order(self, order: dict, request: Request) -> dict:
        """A changed order as the status route answers it."""
        raise NotImplementedError

    def admin_refund(self, order_id: int, body: dict, request: Request) -> Response:
        """Refund `order_id` as `body` asks; the refund route's answer."""
        raise NotImplementedError

    def admin_error(self, status: int, message: str) -> Response:
        """An admin route's refusal: 404 for an unknown order, 400 for a bad request."""
        raise NotImplementedError

    def shop_admin(self, request: Request) -> Response | None:
        """The shop's own admin routes, if any (None: not one of them)."""
        return None

    # --- the admin routes ------------------------------------------------------------------------
    def _admin(self, request: Request) -> Response:
        match = ORDER_ADMIN.fullmatch(request.path)
        try:
            if request.method == "POST" and match:
                return self._admin_orders(request, match.group(1), match.group(2))
            answer = self.shop_admin(request)
            if answer is not None:
                return answer
        except KeyError:  # an unknown order (or a missing field)
            return self.admin_error(404, "Not Found")
        except (ValueError, InvalidOperation) as exc:
            return self.admin_error(400, str(exc))
        if request.method == "POST" and request.path == "/_sim/tick":
            return json_response(self.demo_tick())
        return super()._admin(request)

    def _admin_orders(self, request: Request, order_id: str | None, action: str | None) -> Response:
        body = request.json() or {}
        if action == "status":
            return json_response(self.admin_order(self.set_status(int(order_id), body["status"]), request))
        if action == "refund":
            return self.admin_refund(int(order_id), body, request)
        created_at = datetime.fromisoformat(body["created_at"]) if body.get("created_at") else None
        status = {"status": body["status"]} if "status" in body else {}  # else the shop's own default
        orders = [self.generate_order(body.get("scenario", "normal"), created_at=created_at, **status)
                  for _ in range(int(body.get("count", 1)))]
        return json_response({"orders": [order["id"] for order in orders]}, 201)
