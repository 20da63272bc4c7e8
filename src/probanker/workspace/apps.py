from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """The client page and « Ma journée », composed from the registries."""

    name = "probanker.workspace"
    label = "workspace"
    verbose_name = "Poste de travail"

    def ready(self) -> None:
        from probanker.workspace import contributions

        contributions.register()
