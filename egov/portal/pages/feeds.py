"""RSS for each site's news (issue 18, "for citizens").

`/cong-thong-tin/rss/` is the news of the site the request's host maps to
(on the province's portal: every unit's news, as its home page lists them);
`/cong-thong-tin/rss/<path>/` that of a unit's site beneath it, by the
site's path, e.g. `/cong-thong-tin/rss/phuong-long-an/`. Only live, public
articles; the newest first.
"""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from egov.portal.pages.models import NewsArticlePage, UnitHomePage
from egov.portal.pages.public_views import site_root

ITEMS = 20


class NewsFeed(Feed[NewsArticlePage, UnitHomePage]):
    feed_type = Rss201rev2Feed
    language = "vi"

    def get_object(self, request: HttpRequest, site_path: str = "") -> UnitHomePage:
        root = site_root(request)
        if root is None:
            raise Http404
        url_path = f"{root.url_path}{site_path.strip('/')}/" if site_path else root.url_path
        home = UnitHomePage.objects.live().public().filter(url_path=url_path).first()
        if not isinstance(home, UnitHomePage):
            raise Http404
        return home

    def title(self, obj: UnitHomePage) -> str:
        return _("Tin tức: %(site)s") % {"site": obj.title}

    def link(self, obj: UnitHomePage) -> str:
        # No request here: the feed object serves every request (one
        # instance); a URL of this host comes relative and Django adds it.
        return str(obj.get_url() or obj.url_path)

    def description(self, obj: UnitHomePage) -> str:
        return _("Tin mới của %(site)s.") % {"site": obj.title}

    def items(self, obj: UnitHomePage) -> list[NewsArticlePage]:
        return list(
            NewsArticlePage.objects.live()
            .public()
            .descendant_of(obj)
            .order_by("-date", "-pk")[:ITEMS]
        )

    def item_title(self, item: NewsArticlePage) -> str:
        return str(item.title)

    def item_description(self, item: NewsArticlePage) -> str:
        return item.summary

    def item_link(self, item: NewsArticlePage) -> str:
        return str(item.get_url() or item.url_path)

    def item_pubdate(self, item: NewsArticlePage) -> datetime.datetime:
        # The article's date as the editor set it, at the start of that day
        # in the platform's time zone (RSS needs a moment, not a day).
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))


news_feed = NewsFeed()
