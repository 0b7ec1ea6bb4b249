"""Page furniture dropped from extracted text, the article's own lines kept."""

from newsprism.readers.furniture import drop_furniture, is_furniture


def test_furniture_lines_are_dropped():
    for line in ["Story continues below advertisement", "- Tweet this", "Share this", "Loading Photo Gallery",
                 "Sign up for our daily newsletter", "We use cookies to give you the best experience on our site, "
                 "read our policy to learn more about how and why", "MORE POLITICS", "Related stories",
                 "If you or someone you know is in crisis, call the helpline", "© 2024 The Daily Times"]:
        assert is_furniture(line), line


def test_article_lines_are_kept():
    text = ("WASHINGTON — The Senate passed the bill on Tuesday.\n"
            "“We will share this burden together,” the senator said after a vote that followed weeks of talks "
            "about the newsletter rules for federal agencies and their contractors.\n"
            "The House votes next week.")
    assert drop_furniture(text) == text


def test_only_the_furniture_goes():
    text = "The mayor opened the bridge.\nAdvertisement\nCrowds cheered as the first cars crossed."
    assert drop_furniture(text) == "The mayor opened the bridge.\nCrowds cheered as the first cars crossed."
