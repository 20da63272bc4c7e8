from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "probanker.agenda"
    label = "agenda"
    verbose_name = "Agenda et contacts"

    def ready(self) -> None:
        from probanker.agenda import contributions
        from probanker.agenda.models import Appointment, Contact
        from probanker.core.pagecache import track

        track(Appointment, Contact)
        contributions.register()
