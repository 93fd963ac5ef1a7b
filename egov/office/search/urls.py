from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.office.search import views

app_name = "office_search"

urlpatterns: list[URLPattern | URLResolver] = [
    path("tim-kiem/", views.search_page, name="search"),
    path("so-den/", views.books_page, name="books"),
    path("so-den/<int:register_id>/pdf/", views.book_pdf, name="book-pdf"),
    path("so-den/<int:register_id>/xlsx/", views.book_xlsx, name="book-xlsx"),
]
