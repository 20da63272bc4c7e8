from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "probanker.core"
    label = "core"
    verbose_name = "Socle"

    def ready(self) -> None:
        from probanker.core.models import Branch, NafCode, User
        from probanker.core.pagecache import track

        track(User, Branch, NafCode)
