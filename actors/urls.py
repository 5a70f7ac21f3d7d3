"""URLs of the actors app."""

app_name = "actors"

urlpatterns: list = []
