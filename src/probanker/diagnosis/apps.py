from django.apps import AppConfig


class DiagnosisConfig(AppConfig):
    name = "probanker.diagnosis"
    label = "diagnosis"
    verbose_name = "Diagnostic financier"
