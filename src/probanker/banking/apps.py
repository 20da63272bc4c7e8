from django.apps import AppConfig


class BankingConfig(AppConfig):
    name = "probanker.banking"
    label = "banking"
    verbose_name = "Comptes et produits"
