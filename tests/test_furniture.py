"""Page furniture dropped from extracted text, the article's own lines kept."""

from newsprism.readers.furniture import drop_furniture, is_furniture


def test_furniture_lines_are_dropped():
    for line in ["Story continues below advertisement", "- Tweet this", "Share this", "Loading Photo Gallery",
                 "Sign up for our daily newsletter", "We use cookies to give you the best experience on our site, "
                 "read our policy to learn more about how and why", "MORE POLITICS", "Related stories",
                 "If you or someone you know is in crisis, call the helpline", "© 2024 The Daily Times",
                 "SEE MORE: Hong Kong protests: 800 students under siege in university",
                 "Partner news | Armenia named most popular spot for Russian travelers in 2019 Armenia has been named "
                 "the most popular destination among Russians", "Read more: Why the markets fell on Monday",
                 "Comments This field is for validation purposes and should be left unchanged."]:
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


# Hand-made pages (written for these tests): a French article under a consent manager's banner, and pages
# that are a consent wall only, as a site serves them to a client that has not consented.
FRENCH_WITH_BANNER = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Manifestation à Lyon : des milliers de personnes dans la rue</title></head><body>
<div id="didomi-host"><div class="didomi-popup-notice"><p>Nous utilisons des cookies et des technologies
similaires pour améliorer votre expérience, mesurer l'audience et vous proposer des publicités personnalisées.
En cliquant sur « Accepter et fermer », vous consentez à l'utilisation de ces cookies par nos partenaires.</p>
<button>Accepter et fermer</button></div></div>
<div class="content"><h1>Manifestation à Lyon : des milliers de personnes dans la rue</h1>
<p>Des milliers de manifestants ont défilé samedi dans les rues de Lyon pour protester contre la réforme des
retraites, selon les syndicats qui ont appelé à la mobilisation.</p>
<p>« Nous ne lâcherons rien », a déclaré une responsable syndicale devant la préfecture, où le cortège s'est
dispersé dans le calme en fin d'après-midi.</p>
<p>La préfecture a compté 12 000 personnes, les organisateurs plus de 30 000. Une nouvelle journée de grève
est prévue la semaine prochaine dans plusieurs villes de la région.</p></div></body></html>"""
WALL_EN = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Before you continue</title></head>
<body><div class="message-container" id="sp_message_container_1234"><h2>We value your privacy</h2>
<p>We and our 842 partners store and/or access information on a device, such as cookies, and process personal
data, such as unique identifiers and standard information sent by a device for personalised advertising and
content, advertising and content measurement, audience research and services development.</p>
<p>With your permission we and our partners may use precise geolocation data and identification through device
scanning. You may click to consent to our and our partners' processing as described above.</p>
<button>Accept all</button><button>Reject all</button></div></body></html>"""
WALL_FR = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Le Journal</title></head>
<body><div class="fc-consent-root"><div class="fc-dialog-container">
<h1>Le Journal demande votre consentement pour utiliser vos données personnelles dans le but suivant :</h1>
<p>Publicités et contenu personnalisés, mesure de performance des publicités et du contenu, études d'audience
et développement de services. Vos données personnelles seront traitées et des informations de votre appareil
(cookies, identifiants uniques et autres données de l'appareil) pourront être stockées et partagées.</p>
<button>Consentir</button></div></div></body></html>"""


def test_consent_banner_lines_are_dropped_in_several_languages():
    for line in ["We and our partners store and/or access information on a device, such as cookies, and process "
                 "personal data for personalised advertising, content measurement and audience research.",
                 "We value your privacy",
                 "Nous utilisons des cookies et des technologies similaires pour améliorer votre expérience et "
                 "mesurer l'audience de nos contenus et de nos publicités.",
                 "En poursuivant votre navigation sur ce site, vous acceptez l'utilisation de traceurs.",
                 "Le Journal demande votre consentement pour utiliser vos données personnelles dans le but suivant :",
                 "Wir verwenden Cookies, um Inhalte und Anzeigen zu personalisieren und die Zugriffe zu analysieren.",
                 "Utilizamos cookies propias y de terceros para mejorar nuestros servicios y mostrarle publicidad."]:
        assert is_furniture(line), line
    article = ("Les partenaires sociaux ont utilisé des cookies comme exemple dans leur rapport sur la publicité, "
               "a indiqué le ministère, qui a demandé votre avis sur la réforme.")
    assert not is_furniture(article)


def test_a_consent_banner_never_becomes_the_article():
    from newsprism.article import Article, Refusal
    from newsprism.readers.webpage import article_from_html

    page = article_from_html(FRENCH_WITH_BANNER.encode(), "fr.html")
    assert isinstance(page, Article)
    assert page.text.startswith("Des milliers de manifestants") and "cookies" not in page.text
    for name, wall in (("wall-en.html", WALL_EN), ("wall-fr.html", WALL_FR)):
        refused = article_from_html(wall.encode(), name)
        assert isinstance(refused, Refusal), (name, refused)
        assert "only a cookie or consent banner" in refused.reason


def test_consent_markup_goes_but_the_page_that_holds_the_article_stays():
    from lxml.html import fromstring

    from newsprism.readers.furniture import drop_consent

    tree = fromstring('<html><body class="didomi-popup-open"><div class="cookie-bar">We use cookies.</div>'
                      '<div class="wrap consent-given"><article><p>The article.</p></article></div>'
                      '<div id="content"><p>Contents are kept.</p></div></body></html>')
    assert drop_consent(tree) == 1
    text = tree.text_content()
    assert "We use cookies" not in text and "The article." in text and "Contents are kept." in text
