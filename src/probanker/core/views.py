"""Login and profile (password, API tokens)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from probanker.core import services
from probanker.core.access import action_required
from probanker.core.forms import AccessiblePasswordChangeForm
from probanker.core.models import User


def demo_logins() -> list[dict[str, str]]:
    """Demo accounts listed on the login page, in demo mode only."""
    # Checked per request: the demo command writes the marker after start-up.
    if settings.PRODUCTION or not (settings.VAR_DIR / "demo.json").exists():
        return []
    try:
        data = json.loads((settings.VAR_DIR / "demo.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return list(data.get("logins", []))


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["demo_logins"] = demo_logins()
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "core/password_change.html"
    form_class = AccessiblePasswordChangeForm
    success_url = reverse_lazy("profile")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, "Votre mot de passe a été changé.")
        return super().form_valid(form)


def profile(request: HttpRequest) -> HttpResponse:
    """The user's profile: role, branch, API tokens."""
    user: User = request.user  # type: ignore[assignment]
    context = {
        "tokens": user.api_tokens.all(),
        "new_secret": request.session.pop("new_token_secret", None),
    }
    return render(request, "core/profile.html", context)


@require_POST
@action_required("token.manage")
def token_create(request: HttpRequest) -> HttpResponse:
    """Issue a token; its secret is shown once, on the next page."""
    user: User = request.user  # type: ignore[assignment]
    try:
        issued = services.create_api_token(user=user, name=request.POST.get("name", ""))
    except services.DomainError as exc:
        messages.error(request, str(exc))
    else:
        request.session["new_token_secret"] = issued.secret
        messages.success(request, f"Jeton « {issued.token.name} » créé.")
    return redirect("profile")


@require_POST
@action_required("token.manage")
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the user's own tokens; another user's token is a 404."""
    user: User = request.user  # type: ignore[assignment]
    from django.shortcuts import get_object_or_404

    token = get_object_or_404(user.api_tokens, pk=token_id)
    services.revoke_api_token(user=user, token_id=token.pk)
    messages.success(request, f"Jeton « {token.name} » révoqué.")
    return redirect("profile")
