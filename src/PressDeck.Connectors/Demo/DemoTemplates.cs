namespace PressDeck.Connectors.Demo;

/// <summary>
/// Post templates by author role. Slots are filled by <see cref="DemoDraft"/>: topic phrases (<c>{policy}</c>,
/// <c>{stat}</c>, …, capitalised when the slot name is), entities that are recorded on the post (<c>{#tag}</c>,
/// <c>{#story}</c>, <c>{#Literal}</c>, <c>{@office}</c>, <c>{@target}</c>, <c>{link}</c>, <c>{govLink}</c>,
/// <c>{orgLink}</c>), <c>{image}</c> (attaches an image, renders nothing) and small values (<c>{place}</c>,
/// <c>{money}</c>, <c>{time}</c>, …). A literal <c>#</c> or <c>@</c> in a template would not be recorded as an
/// entity, so templates never contain one outside a slot.
/// </summary>
internal static class DemoTemplates
{
    public static readonly string[] Journalist =
    [
        "NEW: {headline}. My story: {link} {#tag}",
        "{minister} tells MPs {policy} is \"the right plan at the right time\". Opposition benches not convinced. {#tag}",
        "Spent the morning in {place} talking to {people} about {issue}. Strong feelings on all sides. More in tomorrow's paper. {#tag}",
        "Worth reading the small print on {policy}: {stat}. {#tag}",
        "Striking figure: {stat}. One to watch as {policy} goes through Parliament. {#tag}",
        "Busy day on {issue}. Here is what we know so far 🧵 {#tag}",
        "Scoop: {headline}, sources tell {outletName}. {link}",
        "What does {policy} actually mean for {people}? I've been finding out: {link} {#tag2}",
        "Lots of messages about {issue} in my inbox this week. If you have a story to tell, my DMs are open. {#tag}",
        "Interviewed {minister} this afternoon about {issue}. Full interview on our site later. {#tag}{image}",
        "Via {@org}: {stat}. {#tag}",
        "On the road in {place} today for a piece on {issue}. {#tag}{image}",
    ];

    public static readonly string[] JournalistQuestion =
    [
        "{@office} can you confirm whether {question}? Filing at {time}. Thanks.",
        "{@office} Hi, {name} from {outletName} here. Can you confirm whether {question}? Deadline {time} today.",
        "Have asked {@office} whether {question}. No response yet. {#tag}",
        "{@office} Could we get a line on {issue}? Reports this morning suggest {question}.",
        "Still waiting for {@office} to tell us whether {question}. {#tag}",
        "{@office} Is anyone free for a quick call about {policy}? Need to know whether {question} before {time}.",
    ];

    public static readonly string[] NewsSite =
    [
        "{headline} {link}",
        "{headline} → {link} {#tag}",
        "Analysis: {issue}, and what happens next {link}",
        "{headline}. Read more: {link}",
        "Opinion: it's time to get serious about {issue} {link}",
        "Explained: what {policy} means for {people} {link} {#tag}",
        "{headline} {link}{image}",
    ];

    public static readonly string[] GovernmentPolitician =
    [
        "{officeLine} {#tag}",
        "Proud to visit {company} in {place} today to see how {policy} is helping {people}. {#tag}{image}",
        "Good to meet {@org} this morning to discuss {issue}. {#tag}",
        "{Stat}. That is why {policy} matters. {#tag}",
        "Today we published {publication}: {govLink}",
    ];

    public static readonly string[] OppositionPolitician =
    [
        "{oppositionLine} {#tag}",
        "Asked the Minister today about {issue}. The answer was not good enough. {#tag}",
        "{Stat}. Ministers have run out of excuses. {#tag}",
        "Met {people} in {constituency} this morning. Their message on {issue} was clear: act now. {#tag}",
        "Pleased to visit {company} in {place} today. Brilliant team, but worried about {issue}. {#tag2}{image}",
        "{@office} when will ministers publish {publication}? {#tag}",
    ];

    public static readonly string[] Organisation =
    [
        "Our response to {policy}: {stance} {orgLink} {#tag}",
        "New research from us today: {stat}. Full report: {orgLink} {#tag}",
        "{stance} {#tag}",
        "We are calling on {@office} to {ask}. {#tag}",
        "Join our webinar on {issue} next {day} at {time}. Register: {orgLink}",
        "Our chief executive will be on air at {time} talking about {issue}. {#tag2}",
        "Great to welcome {minister} to our conference in {place} today. {#tag}{image}",
    ];

    public static readonly string[] Public =
    [
        "{opinion} {#tag}",
        "{opinion}",
        "Just seen the news about {policy}. {reaction}",
        "Genuine question: how will {policy} help people like me in {place}? {#tag}",
        "{@office} when will {policy} actually make a difference in {place}?",
        "Reading about {issue} again. {reaction} {#tag}",
        "{opinion} {#tag2}",
    ];

    public static readonly string[] Office =
    [
        "{officeLine} {govLink} {#tag}",
        "📸 {minister} visited {company} in {place} today to see {issue} first-hand. {#tag}{image}",
        "Today we published {publication}. Read it here: {govLink} {#tag}",
        "{Policy}: what it means for you 👇 {govLink} {#tag}",
        "Statement from a {dept} spokesperson on {issue}: \"{officeLine}\"",
        "{minister} will be speaking about {issue} at {time} today. Watch live: {govLink}",
    ];

    public static readonly string[] Reactions =
    [
        "Not holding my breath.", "About time!", "We'll see.", "Who is this actually for?", "Sounds good on paper.",
        "Finally some good news.", "Same old, same old.", "I'll believe it when I see it.", "Cautiously optimistic.",
    ];

    public static readonly string[] ReplyByPublic =
    [
        "Exactly this.", "Do you have a source for that?", "This is the bit nobody is talking about.",
        "Not my experience at all, to be honest.", "Couldn't agree more.", "And who pays for it? Us, as usual.",
        "Thanks for explaining this so clearly.", "Shared with my union branch.", "The point about {issue} is key here.",
        "Same here in {place}.", "Is there a link to the full report?", "This 👏", "{reaction}",
    ];

    public static readonly string[] ReplyByJournalist =
    [
        "Worth adding: {stat}.", "We asked the department about this yesterday. Still no answer.",
        "Thanks. Do you have the full figures?", "Good thread. The {issue} angle is underrated.",
        "Could I message you about this for a piece?", "We have more on this here: {link}",
    ];

    public static readonly string[] ReplyByPolitician =
    [
        "I will be raising this with the Minister.", "Thank you for highlighting this. My office will be in touch.",
        "This is exactly what I hear from businesses in {constituency}.",
    ];

    public static readonly string[] ReplyByOrganisation =
    [
        "Our members tell us the same. Full survey: {orgLink}", "Thanks for raising this. Our briefing is here: {orgLink}",
        "Happy to comment on this. Please get in touch.", "{stance}",
    ];

    public static readonly string[] ReplyByNewsSite = ["Updated story: {link}", "Read the full story: {link}"];

    public static readonly string[] OfficeAnswer =
    [
        "Hi {targetName}, a {dept} spokesperson said: \"{officeLine}\"",
        "Thanks for getting in touch. We will come back to you before your deadline.",
        "Hi {targetName}, thanks. I've sent you a line by email.",
        "Thanks for your question. You can find the details here: {govLink}",
    ];

    public static readonly string[] OfficeReply =
    [
        "Thanks for your question. You can find the details here: {govLink}",
        "Thank you. {officeLine}",
    ];

    public static readonly string[] QuoteComment =
    [
        "This 👇", "Worth a read.", "Important thread.", "Not what the department told us yesterday.", "Big if true.",
        "Strongly agree.", "The key line: {stat}.", "Hmm. Let's see the detail.", "Read this before you form a view on {policy}.",
        "Exactly what we have been saying. {#tag}", "Good to see this. {#tag}", "Questions for {@office} here.",
    ];

    public static readonly string[] OfficeQuote =
    [
        "For the record: {officeLine} {govLink}",
        "Read more about {policy}: {govLink} {#tag}",
    ];

    public static readonly string[] BreakingByJournalist =
    [
        "BREAKING: {storyHeadline}. More soon. {#story}",
        "UPDATE: {storyUpdate}. {#story}",
        "{storyUpdate}. Live updates: {link} {#story}",
        "Just in: {storyUpdate}. {#story}{image}",
    ];

    public static readonly string[] BreakingQuestion =
    [
        "{@office} can you confirm whether {storyQuestion}? {#story}",
        "{@office} Urgent: is anyone available to comment on reports that {storyQuestion}? {#story}",
    ];

    public static readonly string[] BreakingByNewsSite =
    [
        "BREAKING: {storyHeadline} {link}",
        "🔴 BREAKING: {storyHeadline} {#story}{image}",
        "{storyUpdate} {link} {#story}",
        "Live: {storyUpdate} {link}",
    ];

    public static readonly string[] BreakingReaction = ["{storyReaction} {#story}", "{storyReaction}"];

    public static readonly string[] WelshOriginal =
    [
        "Newyddion da i fusnesau yng Nghymru heddiw. {#tag}",
        "Beth mae hyn yn ei olygu i fusnesau bach? Darllenwch fwy: {link} {#tag}",
        "Diolch i bawb a ddaeth i'r digwyddiad {inWelshPlace} heddiw! {#tag}{image}",
        "Mae angen mwy o fuddsoddiad yn economi Cymru. {#tag}",
        "Dros gant o swyddi newydd {inWelshPlace}. {#tag}",
        "Cyfarfod da gyda busnesau lleol {inWelshPlace} y bore 'ma. {#tag}",
        "Mae'r cwrs nos wedi newid fy mywyd. {#Sgiliau}",
    ];

    public static readonly string[] WelshQuestion = ["{@office} Allwch chi gadarnhau pryd bydd y cynllun yn dechrau yng Nghymru? {#tag}"];

    public static readonly string[] WelshReply = ["Cytuno'n llwyr.", "Diolch am rannu.", "Newyddion gwych!", "Ydy hyn yn berthnasol i Gymru hefyd?"];

    public static readonly string[] WelshQuote = ["Werth ei ddarllen.", "Pwysig iawn. {#tag}"];

    public static readonly string[] FrenchOriginal =
    [
        "Le gouvernement britannique présente un nouveau plan. Notre analyse : {link} {#tag}",
        "Les entreprises françaises installées à Londres restent prudentes. {#tag}",
        "Réunion ce matin avec des exportateurs français à Londres. Beaucoup d'inquiétude sur les droits de douane. {#TradeDeal}",
        "Royaume-Uni : sept entreprises sur dix disent manquer de main-d'œuvre qualifiée. {#tag}",
        "À lire : ce que change la nouvelle loi pour les PME britanniques. {link}",
    ];

    public static readonly string[] FrenchQuestion =
    [
        "{@office} Pouvez-vous confirmer la date d'entrée en vigueur de cette mesure ? {#tag}",
        "{@office} Bonjour, pourriez-vous nous transmettre une réaction avant 17 h ? Merci.",
    ];

    public static readonly string[] FrenchReply = ["Tout à fait d'accord.", "Merci pour ce fil très clair.", "Intéressant. Des chiffres à l'appui ?"];

    public static readonly string[] FrenchQuote = ["À lire.", "Point important. {#tag}"];
}
