"""The project's URL conf plus views that fail, to reach the error handlers."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from probanker.urls import handler400, handler403, handler404, handler500
from probanker.urls import urlpatterns as project_patterns


def boom(request: HttpRequest) -> HttpResponse:
    """A view that crashes."""
    raise RuntimeError("boom")


urlpatterns = [
    path("boom/", boom),
    path("api/v1/boom/", login_not_required(boom)),  # as the API's own views
    *project_patterns,
]
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
