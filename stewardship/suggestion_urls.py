"""URLs of the stewardship app (suggestion)."""

urlpatterns: list = []
