"""URLs of the stewardship pages: German paths, English names. Each part of the app
brings its own list (reviews, suggestions, data quality)."""

from stewardship import quality_urls, review_urls, suggestion_urls

app_name = "stewardship"

urlpatterns = [*review_urls.urlpatterns, *suggestion_urls.urlpatterns, *quality_urls.urlpatterns]
