"""The portal's page types: a unit's home (the root of its site), news with
categories, standard pages, the organisation page and the English page.

Every page of a unit's site lives under that unit's `UnitHomePage`; Wagtail's
page permissions and workflows attach to that subtree (editors.py). The
province's own portal is the province's `UnitHomePage`, at the top of the
tree, with the other units' sites beneath it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.images.models import Image
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from egov.platform.accounts.models import Membership, Role, User
from egov.platform.audit.services import record_event
from egov.platform.organisation.models import Unit
from egov.portal.pages.categories import category_choices, category_codes
from egov.portal.pages.folding import page_text
from egov.portal.pages.richtext import clean_rich_text_fields
from egov.portal.pages.widgets import ImageChooserWithoutInlineScript

# The rich text features an editor may use: no raw HTML, no embeds (Wagtail
# converts the editor's content to this whitelist when it saves).
# Served by the portal's own routes under /cong-thong-tin/ before the pages
# (urls.py): a page with such a slug under the province's portal would be
# shadowed, so none may take one.
RESERVED_SLUGS = frozenset({"tim-kiem", "rss"})

RICH_TEXT_FEATURES: list[str] = [
    "h2",
    "h3",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "hr",
]


class PortalPage(Page):
    """What every page of a unit's site shares: the Decree 42 category it fulfils."""

    decree_category: models.CharField[str, str] = models.CharField(
        _("danh mục theo Nghị định 42"),
        max_length=40,
        blank=True,
        help_text=_(
            "Mục thông tin bắt buộc (Nghị định 42/2022/NĐ-CP, điều 4) mà trang này đáp ứng."
        ),
    )

    promote_panels = [
        *Page.promote_panels,
        FieldPanel(
            "decree_category", widget=forms.Select(choices=[("", "—"), *category_choices()])
        ),
    ]

    # Besides the fields each type names: its text folded, so the portal's
    # search finds it with or without diacritics (folding.py).
    search_fields = [*Page.search_fields, index.SearchField("folded_text")]

    class Meta:
        abstract = True

    def folded_text(self) -> str:
        return page_text(self)

    def clean(self) -> None:
        super().clean()
        clean_rich_text_fields(self)
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": ValidationError(
                        _("Đường dẫn này dành cho chức năng của cổng (tìm kiếm, RSS)."),
                        code="reserved_slug",
                    )
                }
            )
        if self.decree_category and self.decree_category not in category_codes():
            raise ValidationError(
                {
                    "decree_category": ValidationError(
                        _("Danh mục không có trong danh sách của Nghị định 42."),
                        code="unknown_decree_category",
                    )
                }
            )

    def save(self, *args: Any, **kwargs: Any) -> Any:
        # Whatever the way in (the editor, code, a revision being published),
        # stored rich text is whitelisted (richtext.py).
        clean_rich_text_fields(self)
        return super().save(*args, **kwargs)

    def site_home(self) -> UnitHomePage | None:
        """The unit home this page belongs to (itself for a unit home)."""
        found = UnitHomePage.objects.ancestor_of(self, inclusive=True).order_by("-depth").first()
        return found if isinstance(found, UnitHomePage) else None

    def publish(self, revision: Any, *args: Any, **kwargs: Any) -> Any:
        """Publish, and record the publication in the platform's audit trail.

        Here rather than in Wagtail's `after_publish_page` hook: the hook runs
        only in the editor's views, while a page also goes live through an
        approved workflow task and through scheduled publishing (the
        worker), and each must leave its audit event in the same transaction.
        """
        with transaction.atomic():
            result = super().publish(revision, *args, **kwargs)
            self.refresh_from_db(fields=["live", "live_revision"])
            # A revision scheduled for later is only recorded when it goes live.
            if self.live and self.live_revision_id == revision.pk:
                home = self.site_home()
                user = kwargs.get("user")
                record_event(
                    event_type="portal.page_published",
                    actor=user if isinstance(user, User) else None,
                    target=Page.objects.get(pk=self.pk),
                    unit=home.unit if home is not None else None,
                    details={
                        "title": self.title,
                        "url_path": self.url_path,
                        "scheduled": kwargs.get("log_action") == "wagtail.publish.scheduled",
                    },
                )
        return result


class UnitHomePage(PortalPage):
    """The home page of a unit's site: the province's portal, a department's, a commune's."""

    unit: models.OneToOneField[Unit, Unit] = models.OneToOneField(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="portal_home"
    )
    intro = RichTextField(_("giới thiệu ngắn"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("unit"), FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page", "portal_pages.UnitHomePage"]
    search_fields = [*PortalPage.search_fields, index.SearchField("intro")]
    template = "portal_pages/unit_home_page.html"

    class Meta:
        verbose_name = _("trang chủ đơn vị")
        verbose_name_plural = _("trang chủ đơn vị")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().in_menu().specific()
        context["news"] = (
            NewsArticlePage.objects.live().descendant_of(self).order_by("-date", "-pk")[:5]
        )
        context["unit_sites"] = UnitHomePage.objects.live().child_of(self)
        return context


@register_snippet
class NewsCategory(models.Model):
    """A news category of the portal (shared by every site: one list per province)."""

    name = models.CharField(_("tên"), max_length=120, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NewsIndexPage(PortalPage):
    intro = RichTextField(_("giới thiệu"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal_pages.UnitHomePage"]
    subpage_types = ["portal_pages.NewsArticlePage"]
    template = "portal_pages/news_index_page.html"

    class Meta:
        verbose_name = _("trang tin tức")
        verbose_name_plural = _("trang tin tức")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        articles = NewsArticlePage.objects.live().child_of(self).order_by("-date", "-pk")
        chosen = request.GET.get("chuyen-muc", "")
        if chosen:
            articles = articles.filter(categories__slug=chosen)
        context["articles"] = articles
        context["categories"] = NewsCategory.objects.all()
        context["chosen"] = chosen
        return context


class NewsArticlePage(PortalPage):
    date: models.DateField[datetime.date, datetime.date] = models.DateField(
        _("ngày đăng"), default=timezone.localdate
    )
    summary: models.CharField[str, str] = models.CharField(_("tóm tắt"), max_length=300, blank=True)
    body = RichTextField(_("nội dung"), features=RICH_TEXT_FEATURES)
    categories = ParentalManyToManyField(NewsCategory, verbose_name=_("chuyên mục"), blank=True)
    # Served by images.py once the article is live; its alternative text is the
    # image's description, required at upload (uploads.py; WCAG 2.1 1.1.1).
    image: models.ForeignKey[Image | None, Image | None] = models.ForeignKey(
        Image,
        verbose_name=_("ảnh minh họa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("image", widget=ImageChooserWithoutInlineScript()),
        FieldPanel("body"),
        FieldPanel("categories"),
    ]
    parent_page_types = ["portal_pages.NewsIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    template = "portal_pages/news_article_page.html"

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")


class StandardPage(PortalPage):
    body = RichTextField(_("nội dung"), features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["portal_pages.UnitHomePage", "portal_pages.StandardPage"]
    search_fields = [*PortalPage.search_fields, index.SearchField("body")]
    template = "portal_pages/standard_page.html"

    class Meta:
        verbose_name = _("trang nội dung")
        verbose_name_plural = _("trang nội dung")


def leaders_of(unit: Unit) -> list[Membership]:
    """The unit's leaders then heads of office, from its memberships (always current)."""
    order = {Role.LEADER: 0, Role.HEAD: 1}
    found = (
        Membership.objects.filter(unit=unit, role__in=order, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    return sorted(found, key=lambda m: order[Role(m.role)])


class OrganisationPage(PortalPage):
    """Functions and contacts typed by editors; the chart and the leaders are
    read from the organisation tree and the memberships on every view, so
    they never fall out of step."""

    functions = RichTextField(_("chức năng, nhiệm vụ"), features=RICH_TEXT_FEATURES)
    address: models.CharField[str, str] = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone: models.CharField[str, str] = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email: models.EmailField[str, str] = models.EmailField(_("thư điện tử"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("functions"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
    ]
    parent_page_types = ["portal_pages.UnitHomePage"]
    subpage_types: list[str] = []
    search_fields = [*PortalPage.search_fields, index.SearchField("functions")]
    template = "portal_pages/organisation_page.html"

    class Meta:
        verbose_name = _("trang giới thiệu tổ chức")
        verbose_name_plural = _("trang giới thiệu tổ chức")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        home = self.site_home()
        unit = home.unit if home is not None else None
        context["unit"] = unit
        context["chart"] = (
            Unit.objects.filter(parent=unit, is_active=True).order_by("kind", "name")
            if unit is not None
            else Unit.objects.none()
        )
        context["leaders"] = leaders_of(unit) if unit is not None else []
        return context


class EnglishPage(PortalPage):
    """The English pages Decree 42 art. 7 makes mandatory: organisation,
    functions and contacts (served with lang="en")."""

    body = RichTextField(_("nội dung (tiếng Anh)"), features=RICH_TEXT_FEATURES)
    address: models.CharField[str, str] = models.CharField(
        _("địa chỉ (tiếng Anh)"), max_length=255, blank=True
    )
    phone: models.CharField[str, str] = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email: models.EmailField[str, str] = models.EmailField(_("thư điện tử"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
    ]
    parent_page_types = ["portal_pages.UnitHomePage"]
    subpage_types: list[str] = []
    search_fields = [*PortalPage.search_fields, index.SearchField("body")]
    template = "portal_pages/english_page.html"

    class Meta:
        verbose_name = _("trang tiếng Anh")
        verbose_name_plural = _("trang tiếng Anh")


# Page types kept in modules of their own, imported here so Django registers them.
from egov.portal.pages.legal_documents import LegalDocumentsPage  # noqa: E402, F401


class SiteCapacity(models.TextChoices):
    # Writes and changes the site's pages, submits them for approval.
    EDITOR = "editor", _("Biên tập viên")
    # Also approves and publishes them (the site's approval task).
    APPROVER = "approver", _("Người duyệt tin bài")


class SiteEditor(models.Model):
    """An account named editor or approver of a unit's site by its administrator (issue 19).

    Beside those who follow from their roles (PORTAL_EDITOR_ROLES,
    PORTAL_APPROVER_ROLES): a unit may let a person edit its site without
    giving them a one-stop or office role. `editors.sync_site_groups` puts
    both kinds in the site's Wagtail groups.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="site_editors", verbose_name=_("đơn vị")
    )
    user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="site_editorships",
        verbose_name=_("tài khoản"),
    )
    capacity = models.CharField(_("vai trò trên trang"), max_length=16, choices=SiteCapacity)
    added_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người chỉ định"),
    )
    added_at = models.DateTimeField(_("chỉ định lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("người biên tập trang đơn vị")
        verbose_name_plural = _("người biên tập trang đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "user", "capacity"], name="portal_site_editor_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_capacity_display()} – {self.unit}"
