"""URLs of the stewardship app (review)."""

urlpatterns: list = []
