"""The generic heuristics, case by case: which lines each drops and which it keeps.

Each case is a small page in the dump format (one block per line, blank lines
around paragraphs, none between the items of a menu) cleaned with the built-in
rules and no URL, so every heuristic works with the generic rules around it,
as on a page from an unknown source.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, explain
from cleaner.features import LANGUAGES, line_features, vote
from cleaner.line_kinds import LineKind, is_comment_cue, is_glued_teaser, kind_of

CLEANER = Cleaner()

P1 = (
    "The harbour council voted on Tuesday to keep the old library open on Sundays, "
    "after a petition that more than two thousand residents had signed in a month."
)
P2 = (
    "Its chair said that the building would need a new roof within five years, and "
    "that the money for it would have to come from the town's own budget."
)
P3 = (
    "Volunteers who run the reading room on weekends said they were relieved, and "
    "that they would now start a series of talks for children in the spring."
)
MENU = "Home\nNews\nSport\nWeather\nObituaries\nContact"
# Eight more paragraphs: an article whose lead is a small part of it.
LONG_REST = [
    f"{paragraph[:-1]}, as the {place} quarter heard on {day}."
    for paragraph, place, day in zip(
        ([P1, P2, P3] * 3)[:8],
        ["north", "south", "east", "west", "upper", "lower", "inner", "outer"],
        ["Monday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "May", "June"],
        strict=True,
    )
]

# Decks of other stories, each as long as a short article's paragraph.
DECKS = [
    "The ferry operator said on Monday that fares would go up by a tenth from January, "
    "blaming the cost of fuel and of the new terminal, and the council said it would look into it.",
    "Pupils returned to the old school on Wednesday after builders finished the roof that "
    "had leaked through the whole of the last winter, the head teacher said.",
    "The coast road was shut for a night and a day as waves broke over the sea wall and "
    "threw stones across both lanes near the pier.",
]


def page(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def removed_by(text: str) -> dict[str, str]:
    """Removed line -> the rule that removed it."""
    return {r.text: r.rule for r in CLEANER.explain(text).removals}


# (id, page, lines that must go with the rule that removes them, lines that must stay)
CASES = [
    (
        "outside-article: a menu before the article goes, the headline stays",
        page(MENU, "Library Stays Open on Sundays", P1, P2, P3),
        {"Home": "generic/nav-run", "Obituaries": "generic/nav-run"},
        ["Library Stays Open on Sundays", P1, P3],
    ),
    (
        "outside-article: a list of other stories after a 'More news' heading goes",
        page(
            "Library Stays Open on Sundays",
            P1,
            P2,
            P3,
            "More news",
            "Fishing fleet returns early after the storm warning",
            "Ferry prices to rise in the new year, operator says",
            "Town hall clock is fixed after a decade of silence",
        ),
        {
            "Fishing fleet returns early after the storm warning": "generic/outside-article",
            "Town hall clock is fixed after a decade of silence": "generic/outside-article",
        },
        [P1, P2, P3],
    ),
    (
        "outside-article: a tag list and what follows it go, 'Tags' ends the article",
        page(
            "Library Stays Open on Sundays",
            P1,
            P2,
            P3,
            "Tags",
            "harbour library, library sunday opening, harbour council vote, town budget, "
            "reading room volunteers, harbour town news",
            "Comments that insult other readers or break the law will not be approved by "
            "the moderators of this site.",
        ),
        {
            "Tags": "generic/more-news",
            "harbour library, library sunday opening, harbour council vote, town budget, "
            "reading room volunteers, harbour town news": "generic/outside-article",
        },
        [P1, P2, P3],
    ),
    (
        "outside-article: headlines under 'On Our Radar' go",
        page(
            "Library Stays Open on Sundays",
            P1,
            P2,
            P3,
            "On Our Radar",
            "Fishing fleet's SHOCKING return",
            "Ferry boss tells all",
            "Town hall clock stuns locals",
            "Mayor's daughter recreates iconic pic",
            "Lifeboat crew doesn't age",
            "Harbour Weekly",
        ),
        {
            "Ferry boss tells all": "generic/outside-article",
            "Lifeboat crew doesn't age": "generic/outside-article",
        },
        [P1, P2, P3],
    ),
    (
        "outside-article: the group of headlines under 'Most Popular' above the article goes",
        page(
            "By Jane Doe",
            "Most Popular",
            "Council sought money for a new roof, but the mayor is unswayed\n"
            "The county fair will be free to attend starting next summer\n"
            "Taxes are on the rise. These maps show where and how much.\n"
            "Skimming device found at the harbour petrol station",
            *LONG_REST[:4],
        ),
        {
            "Taxes are on the rise. These maps show where and how much.": (
                "generic/outside-article"
            ),
            "Skimming device found at the harbour petrol station": "generic/outside-article",
        },
        LONG_REST[:4],
    ),
    (
        "outside-article: a box led by its heading splits the article, both parts stay",
        page(
            "Library Stays Open on Sundays",
            P1,
            P2,
            "Trending News\n"
            'Video shows the dramatic rescue of a lost dog: "We got him!"\n'
            "Man arrested after seven stolen bikes found in a van: police\n"
            "Harbour jail guards charged with falsifying records",
            *LONG_REST,
        ),
        {"Harbour jail guards charged with falsifying records": "generic/outside-article"},
        [P1, P2, *LONG_REST],
    ),
    (
        "outside-article: a headline group with a byline under a 'Latest' label is no list",
        page(
            MENU,
            "Latest",
            "Library Stays Open on Sundays\nThe council votes to keep the reading room open\n"
            "By Jane Doe",
            P1,
            P2,
            P3,
        ),
        {},
        ["The council votes to keep the reading room open", P1, P2, P3],
    ),
    (
        "outside-article: a 'Trending News' box of sentences splits the article, both parts stay",
        page(
            "Library Stays Open on Sundays",
            P1,
            P2,
            "Trending News",
            'Video shows the dramatic rescue of a lost dog: "We got him!"\n'
            "Man arrested after seven stolen bikes found in a van: police\n"
            "Harbour jail guards charged with falsifying records\n"
            "Safety officials urge the ferry firm to redesign a ramp",
            *LONG_REST,
        ),
        {
            "Harbour jail guards charged with falsifying records": "generic/outside-article",
            "Safety officials urge the ferry firm to redesign a ramp": "generic/outside-article",
        },
        [P1, P2, *LONG_REST],
    ),
    (
        "outside-article: a results list with long rows survives whole",
        page(
            "Rockport (3-1): Jane Doe 1 goal. Ann Poe 1 save.",
            "Harbour d. Rockport 8-0",
            "Harbour (3-0): Jane Doe 3 goals, 1 assist. Ann Poe 2 goals, 2 assists. Kim Roe "
            "1 goal. Lee Moe 1 goal, 1 assist. Sam Toe 1 goal. Tim Koe 2 assists. Bo Loe 3 saves.",
            "Rockport (1-2): Jo Munoz 8 saves.",
            "Bay Magnet d. Northport 5-0",
            "Bay (1-0-2): Noah Doe 1 goal, 1 assist. Shel Poe 1 goal, 1 assist. Jav Roe 1 goal. "
            "Star Moe 1 goal. Gard Toe 1 goal. Duv Koe 1 assist. Jose Loe 1 assist.",
            "Northport (NR): Jay Soe 7 saves.",
            "GIRLS SOCCER",
            "Viera d. Harbour 1-0",
            "Viera (3-0): Tal Doe 1 goal. Mad Poe 1 assist. Jordan Roe and Meg Moe 4 total.",
            "Harbour (1-1-1): Jess Toe 2 saves.",
        ),
        {},
        ["Harbour d. Rockport 8-0", "Rockport (1-2): Jo Munoz 8 saves.", "GIRLS SOCCER"],
    ),
    (
        "outside-article: a live blog's posts, each under its time, all stay",
        page(
            "Live: the harbour storm",
            "3 hours ago",
            P1,
            "2 hours ago",
            P2,
            "Posted at 10:31",
            P3,
            "09:45 GMT",
            LONG_REST[0],
        ),
        {"2 hours ago": "generic/timestamp"},
        [P1, P2, P3, LONG_REST[0]],
    ),
    (
        "outside-article: a live blog's posts, each under a byline and a time, all stay",
        page(
            "Live: the harbour storm",
            "By Jane Doe\n10:31 GMT",
            P1,
            "By John Roe\n09:45 GMT",
            P2,
            "By Ann Poe\n09:12 GMT",
            P3,
            "By Jane Doe\n08:50 GMT",
            LONG_REST[0],
        ),
        {"By John Roe": "generic/byline"},
        [P1, P2, P3, LONG_REST[0]],
    ),
    (
        "outside-article: a stray 'Most viewed' label between two paragraphs cuts nothing",
        page("Library Stays Open on Sundays", P1, P2, "Most viewed", P3),
        {},
        [P1, P2, P3],
    ),
    (
        "outside-article: a 'By the numbers' subheading is no byline and cuts nothing",
        page("Library Stays Open on Sundays", P1, P2, "By the numbers", P3, *LONG_REST[:2]),
        {},
        ["Library Stays Open on Sundays", P1, P2, "By the numbers", P3],
    ),
    (
        "outside-article: a 'Related Links' box before the last paragraph: the box goes, it stays",
        page(
            "Library Stays Open on Sundays",
            P1,
            P2,
            P3,
            "Related Links",
            "Harbour council website",
            "Challenges include finding the money for the roof, which the council "
            "says it will raise from the town's own budget within five years.",
            "Most read",
            "Ferry prices rise again",
        ),
        {
            "Harbour council website": "generic/outside-article",
            "Ferry prices rise again": "generic/outside-article",
        },
        [
            P1,
            P3,
            "Challenges include finding the money for the roof, which the council "
            "says it will raise from the town's own budget within five years.",
        ],
    ),
    (
        "comment-section: 'The mayor said:' before a quote is no comment cue",
        page(
            "Library Stays Open on Sundays",
            P1,
            P2,
            P3,
            "The mayor said:",
            "“We are delighted that the library stays open, and we thank every resident.”",
            *LONG_REST[:3],
        ),
        {},
        ["The mayor said:", *LONG_REST[:3]],
    ),
    (
        "outside-article: other stories' titles and decks after 'Related stories' go",
        page(
            "Library Stays Open on Sundays",
            P1,
            P2,
            P3,
            *LONG_REST[:3],
            "Related stories",
            "Ferry prices rise\nThe ferry operator said on Monday that fares would go up by a "
            "tenth from January, blaming the cost of fuel and of the new terminal.",
            "School roof fixed\nPupils returned to the old school on Wednesday after builders "
            "finished the roof that had leaked through the whole of the last winter.",
            "Storm closes road\nThe coast road was shut for a night and a day as waves broke "
            "over the sea wall and threw stones across both lanes near the pier.",
        ),
        {
            "School roof fixed": "generic/outside-article",
            "Pupils returned to the old school on Wednesday after builders finished the roof "
            "that had leaked through the whole of the last winter.": "generic/outside-article",
        },
        [P1, P3, *LONG_REST[:3]],
    ),
    (
        "outside-article: feed items stamped with relative times go",
        page(
            "Storm closes the coast road for a day and a night\n2 hours ago",
            "New school opens with three hundred pupils on its rolls\n5 hours ago",
            P1,
            P2,
            P3,
        ),
        {
            "Storm closes the coast road for a day and a night": "generic/outside-article",
            "2 hours ago": "generic/timestamp",
        },
        [P1, P2, P3],
    ),
    (
        "outside-article: a subheading between paragraphs stays",
        page("Library Stays Open", P1, "What happens next", P2, P3),
        {},
        ["What happens next", P1, P2, P3],
    ),
    (
        "outside-article: a list article (a recipe) survives whole",
        page(
            "Harbour Fish Soup",
            "A soup the fishermen of the harbour have cooked for a hundred years, "
            "with whatever the boats brought in that morning.",
            "2 onions, chopped\n3 cloves of garlic\n500 g of white fish\n1 litre of stock\n"
            "2 tomatoes, peeled",
            "Fry the onions and the garlic in a little oil until they are soft and golden.",
            "Add the stock and the tomatoes, bring it to the boil and cook for ten minutes.",
        ),
        {},
        ["2 onions, chopped", "500 g of white fish", "2 tomatoes, peeled"],
    ),
    (
        "outside-article: a page with no prose at all is left alone",
        page("Opening times", "Monday to Friday: 9 to 5", "Saturday: 10 to 1"),
        {},
        ["Opening times", "Monday to Friday: 9 to 5", "Saturday: 10 to 1"],
    ),
    (
        "outside-article: teaser titles glued to their decks weigh little",
        page(
            "\n".join(
                f"Fishing Fleet Returns Early After Storm {n}The boats came back two days early "
                "after the coastguard warned of gales along the whole of the northern coast."
                for n in range(8)
            ),
            MENU + "\nBusiness\nTravel\nOpinion\nVideo\nPodcasts\nEvents",
            "Library Stays Open on Sundays",
            P1,
            P2,
        ),
        {
            "Fishing Fleet Returns Early After Storm 3The boats came back two days early after "
            "the coastguard warned of gales along the whole of the northern coast.": (
                "generic/outside-article"
            ),
        },
        [P1, P2],
    ),
    (
        "outside-article: a box of other stories inside the article goes, the article stays",
        page(
            "Library Stays Open on Sundays",
            P1,
            P2,
            "Trending News",
            "Fishing fleet returns early\nFerry prices to rise\nTown hall clock is fixed\n"
            "New school opens",
            P3,
            P1.replace("harbour", "town"),
            P2.replace("chair", "mayor"),
            P3.replace("Volunteers", "Librarians"),
        ),
        {
            "Trending News": "generic/outside-article",
            "Ferry prices to rise": "generic/outside-article",
        },
        [P1, P2, P3, "Library Stays Open on Sundays"],
    ),
    (
        # The box is closed by its heading ("More in ..."), and the lead above it
        # is short beside the rest of the article (under a third of it).
        "outside-article: a box of stories closed by its heading splits a long article",
        page(
            "Library Stays Open on Sundays",
            P1,
            P2,
            "Fishing fleet returns early\nFerry prices to rise\nTown hall clock is fixed\n"
            "New school opens",
            "More in Harbour News",
            *LONG_REST,
        ),
        {
            "More in Harbour News": "generic/outside-article",
            "Ferry prices to rise": "generic/outside-article",
        },
        [P1, P2, *LONG_REST, "Library Stays Open on Sundays"],
    ),
    (
        "outside-article: a column of other stories' headlines above the article goes",
        page(
            "Fishing fleet returns early",
            "Ferry prices to rise again",
            "Town hall clock is fixed",
            "New school opens on the hill",
            "Library Stays Open on Sundays",
            P1,
            P2,
            P3,
        ),
        {
            "Fishing fleet returns early": "generic/outside-article",
            "New school opens on the hill": "generic/outside-article",
        },
        [P1, P2, P3, "Library Stays Open on Sundays"],
    ),
    (
        # Labels of a page's header above the headline cost more than a list
        # leading into the article; the region does not grow back over them.
        "outside-article: header labels above the headline go",
        page(
            "Search:",
            "Live",
            "Harbour TV",
            "Weather:",
            "Council Votes to Keep the Library Open!",
            P1,
            P2,
            P3,
        ),
        {"Search:": "generic/page-tools", "Live": "generic/outside-article"},
        [P1, P2, P3, "Council Votes to Keep the Library Open!"],
    ),
    (
        "outside-article: a short lead above a picture's caption and credits stays",
        page(
            "Library Stays Open on Sundays",
            "The harbour council voted on Tuesday to keep the old library open on Sundays.",
            "Image 1 of 5\nCourtesy of Jane Roe\nPatrick Semansky, ASSOCIATED PRESS",
            P1,
            P2,
            P3,
        ),
        {"Image 1 of 5": "generic/gallery", "Courtesy of Jane Roe": "generic/credit-line"},
        [
            "The harbour council voted on Tuesday to keep the old library open on Sundays.",
            "Library Stays Open on Sundays",
            P1,
        ],
    ),
    (
        "outside-article: a headline, its deck and a list leading into the article stay",
        page(
            "Library Stays Open on Sundays",
            "What changes on Sundays",
            "Doors open at ten!\nA reading room for children\nTalks every month\nFree coffee",
            P1,
            P2,
            P3,
        ),
        {},
        [
            "Library Stays Open on Sundays",
            "What changes on Sundays",
            "Doors open at ten!",
            "Free coffee",
            P1,
            P2,
            P3,
        ],
    ),
    (
        "author-box: a name, a handle and the author's biography go",
        page(
            P1,
            P2,
            P3,
            "Zac Hall",
            "@apollozac",
            "Zac covers Apple news for the site and hosts its weekly podcast about phones.",
        ),
        {
            "Zac Hall": "generic/author-box",
            "@apollozac": "generic/social-handle",
            "Zac covers Apple news for the site and hosts its weekly podcast about phones.": (
                "generic/author-box"
            ),
        },
        [P1, P2, P3],
    ),
    (
        "author-box: a person named above a paragraph about them in an article stays",
        page(
            P1,
            "Jane Roe",
            "Jane Roe is a former reporter who now runs the harbour museum and its archive.",
            P2,
            P3,
        ),
        {},
        [
            "Jane Roe",
            "Jane Roe is a former reporter who now runs the harbour museum and its archive.",
        ],
    ),
    (
        "comment-section: comments after the article go",
        page(P1, P2, P3, "3 Comments", "bob says:", "Great news for the town, well done."),
        {"3 Comments": "generic/comment-section", "bob says:": "generic/comment-section"},
        [P1, P2, P3],
    ),
    (
        "comment-section: a comments button above the last paragraph does not cut it off",
        page(
            P1,
            P2,
            P3,
            "Comments",
            "The council will vote on the budget for the new roof at its next meeting in March.",
            "Comments",
            "bob says:",
            "Great news for the town, well done.",
        ),
        {"bob says:": "generic/comment-section"},
        [
            P1,
            P3,
            "The council will vote on the budget for the new roof at its next meeting in March.",
        ],
    ),
    (
        "comment-section: a sentence that starts with a count of comments is the story's",
        page(
            "Library Stays Open",
            P1,
            P2,
            P3,
            "12 comments were sent to the council before the vote, and all but one were for it.",
        ),
        {},
        [
            P1,
            P3,
            "12 comments were sent to the council before the vote, and all but one were for it.",
        ],
    ),
    (
        "comment-section: a comment count by the headline does not cut the article",
        page("Library Stays Open", "12 comments", P1, P2, P3),
        {},
        [P1, P2, P3],
    ),
    (
        "outside-article: a short article under its byline outweighed by teasers above it stays",
        page(
            MENU,
            f"Ferry prices rise\n{DECKS[0]}",
            f"School roof fixed\n{DECKS[1]}",
            f"Storm closes road\n{DECKS[2]}",
            "Library Stays Open on Sundays",
            "By Jane Doe",
            P1,
            P2,
        ),
        {DECKS[0]: "generic/outside-article", DECKS[2]: "generic/outside-article"},
        ["Library Stays Open on Sundays", P1, P2],
    ),
    (
        "outside-article: a short article with no byline keeps before a teaser with one",
        page("Library Stays Open on Sundays", P1, P2, "Ferry prices rise", "By Sam Poe", DECKS[0]),
        {DECKS[0]: "generic/outside-article"},
        ["Library Stays Open on Sundays", P1, P2],
    ),
    (
        "outside-article: a feed's first title, printed right under the article, goes",
        page(
            "Library Stays Open on Sundays",
            f"{P1}\n{P2}\n{P3}\nMayor to stand again for a third term\nBy Harbour Staff\n"
            "11/20/2019 01:14 PM\nFerry prices to rise in January\nBy Harbour Staff\n"
            "11/20/2019 10:08 AM",
        ),
        {"Mayor to stand again for a third term": "generic/outside-article"},
        [P1, P2, P3],
    ),
    (
        "outside-article: a story about copyright keeps the paragraphs that name it",
        page(
            "Court Rules on Photo Rights",
            "The appeals court ruled on Tuesday that a photographer keeps the copyright in a "
            "picture even after a magazine has paid for it.",
            "The case began when a magazine printed the photograph again without asking, and "
            "the photographer sued for breach of copyright.",
            "Lawyers for the magazine argued that the fee it paid covered every later use of "
            "the picture.",
            "The magazine said it would appeal to the supreme court.",
            "© 2019 Harbour Weekly. All rights reserved.",
        ),
        {"© 2019 Harbour Weekly. All rights reserved.": "generic/copyright"},
        [
            "The appeals court ruled on Tuesday that a photographer keeps the copyright in a "
            "picture even after a magazine has paid for it.",
            "The case began when a magazine printed the photograph again without asking, and "
            "the photographer sued for breach of copyright.",
        ],
    ),
    (
        "outside-article: a short lead above an ad, a picture's caption and its credit stays",
        page(
            MENU,
            "Library Stays Open on Sundays",
            "By Jane Doe",
            "The harbour council voted on Tuesday to keep the old library open on Sundays.",
            "Advertisement\nStory continues below advertisement\nImage copyright Getty Images\n"
            "Image caption The library was built in 1902",
            P2,
            P3,
            LONG_REST[0],
        ),
        {
            "Advertisement": "generic/advertisement",
            "Image copyright Getty Images": "generic/photo-credit",
            "Image caption The library was built in 1902": "generic/photo-caption",
        },
        ["The harbour council voted on Tuesday to keep the old library open on Sundays.", P2],
    ),
    (
        "outside-article: the headline above a long deck stays, the deck goes",
        page(
            MENU,
            "Library Stays Open on Sundays",
            "Residents will be able to use the reading room on Sundays from January, after a "
            "petition",
            "By Jane Doe",
            P1,
            P2,
            P3,
        ),
        {
            "Residents will be able to use the reading room on Sundays from January, after a "
            "petition": "generic/outside-article"
        },
        ["Library Stays Open on Sundays", P1, P2, P3],
    ),
    (
        "outside-article: the lines after a box's closing link lead back into the article",
        page(
            "Library Stays Open on Sundays",
            P1,
            P2,
            P3,
            "Harbour Council News\nFerry prices to rise again\nFishing fleet returns early"
            "\nMore in Harbour Council News",
            "Here are some of the highlights:",
            '"We kept our library"',
            *LONG_REST[:6],
        ),
        {
            "Ferry prices to rise again": "generic/outside-article",
            "Fishing fleet returns early": "generic/outside-article",
        },
        [P1, P3, "Here are some of the highlights:", '"We kept our library"', LONG_REST[0]],
    ),
    (
        "author-box: a biography with a 'Follow' button right under it goes",
        page(
            "Library Stays Open on Sundays",
            P1,
            P2,
            P3,
            "Jane Doe",
            "Jane Doe is a reporter covering local news for the Harbour Weekly. She joined "
            "the paper in 2015.\nFollow",
        ),
        {
            "Jane Doe is a reporter covering local news for the Harbour Weekly. She joined "
            "the paper in 2015.": "generic/author-box"
        },
        [P1, P2, P3],
    ),
    (
        "outside-article: a last paragraph that says '3 years ago' stays",
        page(
            "Library Stays Open",
            P1,
            P2,
            "The library closed 3 years ago, and reopened on Tuesday after a long campaign "
            "by residents.",
        ),
        {},
        [
            P1,
            "The library closed 3 years ago, and reopened on Tuesday after a long campaign "
            "by residents.",
        ],
    ),
    (
        "outside-article: a menu's last item 'More' heads no list; the headline under it stays",
        page(
            "Business\nMarkets\nWorld\nPolitics\nMore",
            "World News\nNovember 19, 2019 / 10:32 AM / Updated an hour ago\n"
            "Library stays open on Sundays after vote",
            P1,
            P2,
            P3,
        ),
        {},
        ["Library stays open on Sundays after vote", P1, P3],
    ),
    (
        "author-box: a contributor box with a long notice between name and biography goes",
        page(
            "Library Stays Open on Sundays",
            "Jane Doe\nContributor\nOpinions expressed by Harbour Contributors are their own."
            "\nJane Doe writes about local government.",
            P1,
            P2,
            P3,
        ),
        {"Jane Doe writes about local government.": "generic/author-box"},
        [P1, P2, P3],
    ),
    (
        "outside-article: a live blog whose posts have a time and a title keeps every post",
        page(
            MENU,
            "Live: Harbour council votes on the library",
            P1,
            "10:31 GMT",
            "Council opens the debate",
            LONG_REST[0],
            "10:45 GMT",
            "Mayor speaks",
            LONG_REST[1],
            "11:02 GMT",
            "The vote is in",
            LONG_REST[2],
            "1h ago\n11:40",
            "Volunteers react",
            LONG_REST[3],
            "© 2019 Harbour Weekly",
        ),
        {},
        [P1, LONG_REST[0], "Mayor speaks", LONG_REST[1], LONG_REST[2], LONG_REST[3]],
    ),
    (
        "outside-article: a feed of dated titles and decks under the article stays out",
        page(
            "Library Stays Open",
            P1,
            P2,
            P3,
            "November 18, 2019",
            "Ferry prices to rise",
            "The ferry operator said on Monday that fares would go up by a tenth from January.",
            "November 17, 2019",
            "Storm closes coast road",
            "The coast road was shut for a night and a day as waves broke over the sea wall.",
        ),
        {"Ferry prices to rise": "generic/outside-article"},
        [P1, P3],
    ),
    (
        "glued-trail: sections run into the headline go, the headline stays",
        page(
            "HomeLatest NewsLibrary Stays Open on Sundays After the Vote",
            "Library Stays Open on Sundays After the Vote",
            P1,
            P2,
            P3,
        ),
        {"HomeLatest NewsLibrary Stays Open on Sundays After the Vote": "generic/glued-trail"},
        ["Library Stays Open on Sundays After the Vote", P1, P3],
    ),
    (
        "glued-trail: a trail joined by a separator goes",
        page(
            "Home / Town / Library Stays Open on Sundays", "Library Stays Open on Sundays", P1, P2
        ),
        {"Home / Town / Library Stays Open on Sundays": "generic/glued-trail"},
        ["Library Stays Open on Sundays", P1, P2],
    ),
    (
        "glued-trail: a paragraph ending with the pull quote under it stays",
        page(
            "Library Stays Open",
            P1,
            "Her answer was short. The library belongs to all of us",
            "The library belongs to all of us",
            P2,
        ),
        {},
        ["Her answer was short. The library belongs to all of us", P1, P2],
    ),
    (
        "glued-trail: a song's echo stays",
        page(
            "Harbour Song",
            P1,
            "Sing it loud and sing it long\nloud and sing it long\nThe harbour lights are gone",
            P2,
        ),
        {},
        ["Sing it loud and sing it long", "loud and sing it long"],
    ),
    (
        "nav-run: a packing list between two paragraphs stays",
        page(
            P1,
            "Our walking kit is simple and light, and it fits in a small bag.",
            "bottled water\nbaby carrier\nsnack bars\ncamera",
            "We set off from the car park at nine and reached the top by noon.",
            P2,
        ),
        {},
        ["bottled water", "baby carrier", "snack bars", "camera"],
    ),
    (
        "nav-run: a menu in the middle of nowhere goes",
        page(P1, P2, P3, "About us\nCareers\nAdvertise\nPrivacy\nTerms"),
        {"Careers": "generic/nav-run", "Terms": "generic/nav-run"},
        [P1, P2, P3],
    ),
]


@pytest.mark.parametrize(
    ("text", "dropped", "kept"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_heuristic(text, dropped, kept):
    removed = removed_by(text)
    for line, rule in dropped.items():
        assert removed.get(line) == rule, line
    out = CLEANER.clean(text)
    for line in kept:
        assert line in out.splitlines(), line
    # What the heuristics leave, they leave on a second pass too.
    assert CLEANER.clean(out) == out


@pytest.mark.parametrize(
    ("text", "in_group", "kind"),
    [
        (P1, False, LineKind.PROSE),
        ("Home", True, LineKind.MENU),
        ("What happens next", False, LineKind.SHORT),
        ("Related stories", False, LineKind.BREAK),
        ("Next Up In Science & Health", False, LineKind.BREAK),
        ("More On:", False, LineKind.BREAK),
        ("Tags:", False, LineKind.BREAK),
        ("Related Tags", False, LineKind.BREAK),
        ("Related Topics", False, LineKind.BREAK),
        ("Topics", False, LineKind.BREAK),
        ("On Our Radar", False, LineKind.BREAK),
        ("Trending Now", False, LineKind.BREAK),
        ("Related Links:", False, LineKind.BREAK),
        ("Artículos relacionados", False, LineKind.BREAK),
        ("Схожі статті", False, LineKind.BREAK),
        ("Weitere Beiträge zum Thema", False, LineKind.BREAK),
        ("The Post Recommends", False, LineKind.BREAK),
        ("Más información", False, LineKind.BREAK),
        ("Lesen Sie auch", False, LineKind.BREAK),
        ("Другие новости", False, LineKind.BREAK),
        ("Материалы по теме", False, LineKind.BREAK),
        ("3 hours ago", True, LineKind.BREAK),
        ("November 19, 2019 / 10:32 AM / Updated an hour ago", False, LineKind.BREAK),
        # A relative time in a sentence of the story is no stamp.
        (
            "The library closed 3 years ago, and reopened on Tuesday after a long campaign "
            "by residents.",
            False,
            LineKind.PROSE,
        ),
        ("November 19, 2019 at 9:45 am", False, LineKind.BREAK),
        ("First published on November 19, 2019 / 8:16 AM", False, LineKind.BREAK),
        ("Last modified on Mon 18 Nov 2019 18.56 GMT", False, LineKind.BREAK),
        ("Updated 11:21 pm CST, Tuesday, November 19, 2019", False, LineKind.BREAK),
        ("By Jane Doe and John Roe", False, LineKind.BREAK),
        ("by ライトハウス国際特許事務所 / 2016.12.01", False, LineKind.BREAK),
        # A subheading, not a byline: no name after "By".
        ("By the numbers", False, LineKind.SHORT),
        ("» Coluna de Adauto Silva", False, LineKind.BREAK),
        ("© 2019 Harbour Gazette. All rights reserved.", False, LineKind.LEGAL),
        ("Copyright 2019 Harbour Gazette", False, LineKind.LEGAL),
        # A paragraph about copyright, and a picture's credit, are no notices.
        (
            "The photographer sued the magazine for breach of copyright after it printed "
            "the picture again without asking.",
            False,
            LineKind.PROSE,
        ),
        ("Image copyright Getty Images", False, LineKind.SHORT),
        ("2 Martin Truex Jr. 5035 7 0 15 24", True, LineKind.ROW),
        # A long row of a results list is a row all the same when it ends like a sentence.
        (
            "Harbour (3-0): Jane Doe 3 goals, 1 assist. Ann Poe 2 goals, 2 assists. "
            "Kim Roe 1 goal. Lee Moe 1 goal, 1 assist. Sam Toe 3 saves.",
            False,
            LineKind.ROW,
        ),
        # A line of figures is no prose, however long.
        (
            "Harbour Town of the North Coast - Tel: 555 0101 - Fax: 555 0102 - Box 421 - "
            "89259-565 - Main Street 1111 - 2019 - 2020 - 2021 - 2022",
            False,
            LineKind.ITEM,
        ),
    ],
)
def test_line_kinds(text, in_group, kind):
    f = line_features(text, LANGUAGES.index("English"))
    assert kind_of(text, f, in_group) is kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das ist der Artikel, und er handelt von der Stadt und ihrem Hafen.", "German"),
        ("Это статья о городе и его гавани, и она очень длинная.", "Russian"),
        ("Esta é a notícia sobre a cidade e o seu porto, que não para.", "Portuguese"),
        ("This is the story of the town and of its harbour, which never sleeps.", "English"),
    ],
)
def test_language_vote(text, expected):
    assert LANGUAGES[vote([text])] == expected  # type: ignore[index]


def test_stopword_share_and_cjk():
    english = LANGUAGES.index("English")
    assert line_features(P1, english).stopwords > 0.3
    assert line_features("Sport Weather Obituaries Careers Advertise", english).stopwords == 0
    japanese = "これは港町の図書館についての記事です。日曜日も開館することが決まりました。"
    f = line_features(japanese, english)
    assert f.words >= 10 and f.sentence


def test_comment_cues_and_glued_teasers():
    assert is_comment_cue("leave a reply")
    assert is_comment_cue("12 comments")
    assert is_comment_cue("comments 45")
    assert is_comment_cue("comments (45)")
    assert is_comment_cue("bob says:")
    # A line that leads into a quote in the article is no comment.
    assert not is_comment_cue("the mayor said:")
    assert not is_comment_cue("she says:")
    assert not is_comment_cue("jane doe writes:")
    assert not is_comment_cue("the council said the comments would be read at the meeting.")
    assert is_glued_teaser("Bill At Troy Steakhouse Goes UnpaidA party of six left without paying.")
    assert not is_glued_teaser("He bought a burger at McDonald's on Main Street before noon.")


def test_non_english_article_is_not_emptied():
    text = page(
        "Startseite\nPolitik\nWirtschaft\nSport\nKultur",
        "Der Stadtrat hat am Dienstag beschlossen, die alte Bibliothek auch sonntags zu "
        "öffnen, nachdem mehr als zweitausend Bürger eine Petition unterschrieben hatten.",
        "Die Vorsitzende sagte, das Gebäude brauche in fünf Jahren ein neues Dach, und "
        "das Geld dafür müsse aus dem Haushalt der Stadt kommen.",
        "Weitere Artikel",
        "Fischer kehren früher zurück\nFährpreise steigen im neuen Jahr",
    )
    out = explain(text).text
    assert "Der Stadtrat hat am Dienstag" in out
    assert "Die Vorsitzende sagte" in out
    assert "Startseite" not in out
    assert "Fährpreise steigen im neuen Jahr" not in out


def test_a_source_file_can_turn_generic_rules_off(tmp_path):
    menu_page = page(MENU, "Library Stays Open on Sundays", P1, P2, P3)
    (tmp_path / "harbour.example.yaml").write_text(
        "source: harbour.example\nmatch:\n  domains: [harbour.example]\n"
        "skip_generic: [nav-run, outside-article]\nremove: []\n",
        encoding="utf-8",
    )
    cleaner = Cleaner([tmp_path])
    url = "https://harbour.example/library"
    assert "Obituaries" in cleaner.clean(menu_page, url=url)  # menus stay on this source
    assert "Obituaries" not in cleaner.clean(menu_page)  # and go everywhere else


def test_skip_generic_names_a_generic_rule(tmp_path):
    from cleaner import RuleError

    (tmp_path / "harbour.example.yaml").write_text(
        "source: harbour.example\nskip_generic:\n  - nav-runs\nremove: []\n", encoding="utf-8"
    )
    with pytest.raises(RuleError) as caught:
        Cleaner([tmp_path])
    assert str(caught.value).startswith(f"{tmp_path / 'harbour.example.yaml'}:3:1: ")
    assert "did you mean 'nav-run'?" in str(caught.value)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t\u00a0\u2003ab1٣²x.-", max_size=40))
@example("Group A: 3-1 win, 2nd of 4")
def test_numbers_counts_the_words_that_hold_a_digit(text):
    text = f"a {text}"  # at least two words, so the count is taken
    words = text[:300].split()
    holding = sum(1 for word in words if any(ch.isdecimal() for ch in word))
    f = line_features(text, None)
    assert f.numbers == (holding if f.digits else 0)


def test_the_headline_is_the_title_over_the_byline_not_the_authors_role():
    # A byline group with the author's name, role and buttons between the
    # headline and the first paragraph: the role is no headline.
    text = page(
        MENU,
        "Library Stays Open on Sundays",
        "By Jane Doe\nJane Doe\nReporter covering local news\nEmail\nBio\nFollow\n"
        "November 19, 2019 at 10:32 a.m. EST",
        "Share\nComment\nGift Article",
        P1,
        P2,
        P3,
    )
    out = CLEANER.clean(text).splitlines()
    assert out[0] == "Library Stays Open on Sundays"
    assert "Reporter covering local news" not in out
    assert [line for line in out if line in (P1, P2, P3)] == [P1, P2, P3]


def test_a_name_under_a_date_without_a_time_is_no_author_line():
    # "name-after-date" wants the story's date and time above the name: a
    # timeline's date has no time, and the title-case subheading under it stays
    # for that rule (the article search may still judge it).
    dated = page(P1, "November 19, 2019 10:32 AM ET", "Jane Doe", P2, P3)
    timeline = page(P1, "March 3, 2019", "Council Votes Again", P2, P3)
    assert removed_by(dated).get("Jane Doe") == "generic/name-after-date"
    assert removed_by(timeline).get("Council Votes Again") != "generic/name-after-date"
