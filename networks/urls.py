"""URLs of the networks app."""

app_name = "networks"

urlpatterns: list = []
