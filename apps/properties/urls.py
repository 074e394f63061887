app_name = "properties"

urlpatterns: list = []
