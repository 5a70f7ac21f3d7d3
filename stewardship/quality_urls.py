"""URLs of the stewardship app (quality)."""

urlpatterns: list = []
