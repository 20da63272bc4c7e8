from django.contrib.auth import views as auth_views
from django.urls import path

from probanker.core import views

urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("profil/", views.profile, name="profile"),
    path("profil/mot-de-passe/", views.PasswordChangeView.as_view(), name="password_change"),
    path("profil/jetons/", views.token_create, name="token_create"),
    path("profil/jetons/<int:token_id>/revoquer/", views.token_revoke, name="token_revoke"),
]
