"""Routes of expenses (spec 05 section 5.7)."""

from django.urls import path

from apps.expenses import views

app_name = "expenses"

urlpatterns = [
    path("expenses", views.ExpenseListView.as_view(), name="list"),
    path("expenses/<str:pk>/confirm", views.ExpenseConfirmView.as_view(), name="confirm"),
    path("expenses/<str:pk>", views.ExpenseDetailView.as_view(), name="detail"),
]
