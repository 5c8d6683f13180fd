"""Tenant scoping for every dashboard view: who is asking, which koppeling they look at, and the
one way to fetch a sale or koppeling, so that another tenant's rows answer 404 everywhere."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme

from koppeling.accounts.models import Tenant
from koppeling.sync.models import Koppeling, Sale

SESSION_KEY = "koppeling_id"


def tenant_required(view: Callable) -> Callable:
    """Login required, and a tenant: staff without one get a short explanation instead of data."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.tenant_id is None:
            return render(request, "dashboard/no_tenant.html", status=403)
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def tenant_of(request: HttpRequest) -> Tenant:
    return request.user.tenant


def koppelingen_of(request: HttpRequest):
    return Koppeling.objects.filter(tenant_id=request.user.tenant_id)


def get_koppeling(request: HttpRequest, pk) -> Koppeling:
    try:
        return get_object_or_404(koppelingen_of(request), pk=int(pk))
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


def selected_koppeling(request: HttpRequest) -> Koppeling | None:
    """The koppeling from ?k= (remembered in the session), else the remembered one, else the first."""
    requested = request.GET.get("k") or request.POST.get("k")
    if requested:
        koppeling = get_koppeling(request, requested)
        request.session[SESSION_KEY] = koppeling.pk
        return koppeling
    remembered = request.session.get(SESSION_KEY)
    koppeling = koppelingen_of(request).filter(pk=remembered).first() if remembered else None
    return koppeling or koppelingen_of(request).first()


def get_sale(request: HttpRequest, pk: int) -> Sale:
    queryset = Sale.objects.select_related("koppeling").filter(koppeling__tenant_id=request.user.tenant_id)
    return get_object_or_404(queryset, pk=pk)


def safe_next(request: HttpRequest, default: str) -> str:
    """A same-site `next` URL from the form, so that buttons bring the user back where they were."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return default


def render_page(request: HttpRequest, template: str, koppeling: Koppeling | None = None,
                context: dict | None = None, status: int = 200) -> HttpResponse:
    """Render a tab with what the layout needs: the koppeling selector and the current koppeling."""
    failed = Sale.objects.filter(koppeling__tenant_id=request.user.tenant_id, state="failed").count()
    page = {"koppeling": koppeling, "koppelingen": list(koppelingen_of(request)), "failed_count": failed,
            **(context or {})}
    return render(request, template, page, status=status)
