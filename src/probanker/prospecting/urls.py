from django.urls import path

from probanker.prospecting import campaign_views, event_views, referral_views, views, visit_views

app_name = "prospecting"

urlpatterns = [
    path("", views.search_page, name="search"),
    path("prospects/", views.prospect_create, name="prospect_create"),
    path("prescripteurs/", referral_views.prescribers, name="prescribers"),
    path("prescripteurs/<int:prescriber_id>/", referral_views.prescriber, name="prescriber"),
    path("prescripteurs/<int:prescriber_id>/contacts/", referral_views.prescriber_contact,
         name="prescriber_contact"),
    path("prescripteurs/<int:prescriber_id>/recommandations/",
         referral_views.prescriber_referral, name="prescriber_referral"),
    path("parrainages/", referral_views.referrals, name="referrals"),
    path("campagnes/", campaign_views.campaigns, name="campaigns"),
    path("campagnes/<int:campaign_id>/", campaign_views.campaign, name="campaign"),
    path("campagnes/<int:campaign_id>/cibles/<int:target_id>/", campaign_views.target_outcome,
         name="target_outcome"),
    path("tournees/", visit_views.visit_days, name="visit_days"),
    path("tournees/<int:visit_day_id>/", visit_views.visit_day, name="visit_day"),
    path("tournees/<int:visit_day_id>/optimiser/", visit_views.visit_day_optimise,
         name="visit_day_optimise"),
    path("tournees/<int:visit_day_id>/agenda/", visit_views.visit_day_book,
         name="visit_day_book"),
    path("tournees/<int:visit_day_id>/visites/<int:stop_id>/", visit_views.visit_stop,
         name="visit_stop"),
    path("tournees/<int:visit_day_id>.ics", visit_views.visit_day_ics, name="visit_day_ics"),
    path("manifestations/", event_views.events, name="events"),
    path("manifestations/<int:event_id>/", event_views.event, name="event"),
    path("manifestations/<int:event_id>/contacts/", event_views.event_contact,
         name="event_contact"),
]  # fmt: skip
