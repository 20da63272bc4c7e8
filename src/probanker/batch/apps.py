from django.apps import AppConfig


class BatchConfig(AppConfig):
    name = "probanker.batch"
    label = "batch"
    verbose_name = "Traitements quotidiens"

    def ready(self) -> None:
        from probanker.core.registry import MenuEntry, menu_entries

        menu_entries.register(
            MenuEntry(
                key="batch",
                label="Traitements",
                url_name="batch:journal",
                order=90,
                action="batch.view",
            )
        )
