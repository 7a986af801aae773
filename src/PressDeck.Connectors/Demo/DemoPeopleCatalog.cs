namespace PressDeck.Connectors.Demo;

/// <summary>
/// The fixed cast of the simulated world. Outlets, organisations, ministers, companies and the places that appear
/// in breaking news are fictional; real towns appear only in everyday posts (visits, surveys).
/// </summary>
internal static class DemoPeopleCatalog
{
    public static readonly DemoOutlet[] Outlets =
    [
        new("The Northern Chronicle", "northernchron", "northernchronicle.co.uk", "business", "en-GB", "News from across the North of England"),
        new("The Daily Ledger", "dailyledger", "dailyledger.co.uk", "politics", "en-GB", "Independent national news since 1921"),
        new("Westminster Wire", "westminsterwire", "westminsterwire.co.uk", "politics", "en-GB", "Politics, Parliament and policy"),
        new("The Midlands Post", "midlandspost", "midlandspost.co.uk", "news", "en-GB", "The Midlands' news, every day"),
        new("Capital Business Review", "capbizreview", "capitalbusinessreview.com", "economy", "en-GB", "Markets, money and the people who run them"),
        new("The Evening Dispatch", "eveningdispatch", "eveningdispatch.co.uk", "news", "en-GB", "Your city. Your news."),
        new("Trade & Industry Today", "tradeindustrytoday", "tradeindustrytoday.co.uk", "industry", "en-GB", "The trade paper for UK makers and exporters"),
        new("Newsdesk 24", "newsdesk24", "newsdesk24.co.uk", "uk-news", "en-GB", "Breaking news, around the clock"),
        new("The Clyde Courier", "clydecourier", "clydecourier.co.uk", "business", "en-GB", "Scotland's business news"),
        new("Coastline Radio News", "coastlineradio", "coastlineradio.co.uk", "news", "en-GB", "News for the South West coast"),
        new("Herald Cymru", "heraldcymru", "heraldcymru.wales", "newyddion", "cy", "Newyddion o bob cwr o Gymru"),
        new("L'Écho de Londres", "echodelondres", "echodelondres.fr", "economie", "fr", "L'actualité britannique en français"),
    ];

    public static readonly string[] EnglishBeats =
    [
        "Political correspondent", "Political editor", "Deputy political editor", "Business editor", "Business reporter",
        "Economics correspondent", "Industry correspondent", "Education correspondent", "Employment correspondent",
        "Trade correspondent", "Technology reporter", "Consumer affairs reporter", "Energy correspondent",
        "Data journalist", "Chief reporter", "Regional affairs reporter", "Lobby correspondent", "Local democracy reporter",
    ];

    public static readonly string[] WelshBeats = ["Gohebydd gwleidyddol", "Gohebydd busnes", "Golygydd newyddion", "Gohebydd addysg"];

    public static readonly string[] FrenchBeats = ["Correspondance à Londres", "Journaliste économie", "Cheffe du bureau de Londres", "Journaliste politique"];

    public static readonly string[] FirstNames =
    [
        "Priya", "James", "Aisha", "Tom", "Siobhan", "Marcus", "Hannah", "Dev", "Fiona", "Kwame", "Rachel", "Owen",
        "Mei", "Callum", "Zainab", "Eleanor", "Tariq", "Grace", "Liam", "Nadia", "Euan", "Chloe", "Ravi", "Imogen",
        "Declan", "Amara", "Ben", "Sophie", "Hamza", "Niamh", "Oliver", "Yasmin", "Lucy", "Femi", "Ciara", "Harry",
        "Anjali", "Sarah", "Kofi", "Emma", "Rohan", "Jamal", "Kirsty", "Ahmed", "Isla", "Patrick", "Leila", "Sam",
        "Megan", "Daniel", "Joe", "Ruth", "Connor", "Abigail", "Nathan", "Layla", "Stuart", "Holly", "Adam", "Jess",
    ];

    public static readonly string[] Surnames =
    [
        "Shah", "Patel", "Okafor", "Campbell", "Murphy", "Khan", "Thompson", "Walsh", "Begum", "Fraser", "Adeyemi",
        "Chen", "O'Brien", "Robinson", "Ahmed", "Clarke", "Nowak", "Mensah", "Kaur", "Wright", "Jenkins", "McLeod",
        "Hussain", "Baker", "Singh", "Green", "Kelly", "Ward", "Ali", "Owusu", "Fletcher", "Armstrong", "Bell",
        "Rahman", "Harris", "Wood", "Barnes", "Sutherland", "Doyle", "Brennan", "Cooper", "Ellis", "Grant", "Hall",
        "Iqbal", "Knight", "Lamb", "Moss", "Taylor", "Brown", "Wilson", "Anderson", "Mitchell", "Carter", "Dunn",
    ];

    public static readonly string[] WelshFirstNames = ["Rhys", "Bethan", "Gareth", "Ffion", "Cerys", "Iwan", "Sioned", "Alys", "Dafydd", "Elin", "Gwen", "Huw", "Osian", "Mared"];

    public static readonly string[] WelshSurnames = ["Evans", "Morgan", "Hughes", "Davies", "Lewis", "Jones", "Williams", "Pritchard", "Roberts", "Lloyd", "Parry", "Price", "Griffiths", "Rees"];

    public static readonly string[] FrenchFirstNames = ["Camille", "Julien", "Élodie", "Thomas", "Sophie", "Antoine", "Manon", "Hugo"];

    public static readonly string[] FrenchSurnames = ["Durand", "Moreau", "Laurent", "Lefèvre", "Martin", "Girard", "Fontaine", "Rousseau"];

    /// <summary>The department's ministers: fixed, because posts quote them by name.</summary>
    public static readonly (string Name, string Handle, string Role)[] Ministers =
    [
        ("Helen Marsh", "helenmarshmp", "Secretary of State for Business and Training"),
        ("Daniel Okoro", "danielokoromp", "Minister for Skills"),
        ("Ruth Ellison", "ruthellisonmp", "Minister for Trade"),
        ("Andrew Fenwick", "andrewfenwickmp", "Minister for Small Business"),
    ];

    /// <summary>How posts name the ministers above ("Skills Minister Daniel Okoro").</summary>
    public static readonly string[] MinisterTitles =
    [
        "Business Secretary Helen Marsh", "Skills Minister Daniel Okoro", "Trade Minister Ruth Ellison", "Small Business Minister Andrew Fenwick",
    ];

    public static readonly (string Name, string Handle, string Role)[] ShadowMinisters =
    [
        ("Mark Tennant", "marktennantmp", "Shadow Secretary of State for Business and Training"),
        ("Joanna Pryce", "joannapryce", "Shadow Minister for Skills"),
        ("Imran Qureshi", "imranqureshimp", "Shadow Minister for Trade"),
        ("Kate Dunmore", "katedunmoremp", "Shadow Minister for Small Business"),
    ];

    public static readonly string[] Constituencies =
    [
        "Ashford Vale", "Kirkby Moor", "Hollinsworth and Dale", "Bramley North", "Eastwick Marsh", "Carrow Bridge",
        "Stanmoor", "Whitcombe", "Greyhaven", "Millbrook East", "Thornleigh", "Corran Bay", "Lower Wendle",
        "Brackenford", "Port Aldwick", "Fellside", "Hartsmere", "Ravensholme", "Oakbury", "Saltcote",
        "Penrhos a'r Fro", "Glanrafon", "Kilbarran", "Dunmorrow",
    ];

    public static readonly string[] Committees =
    [
        "Chair, Business and Training Select Committee", "Member, Business and Training Select Committee",
        "Member, Treasury Committee", "Member, Education Committee", "Member, Work and Pensions Committee",
        "Chair, All-Party Group on Apprenticeships", "Chair, All-Party Group on Steel", "Chair, All-Party Group on High Streets",
    ];

    public static readonly DemoOrganisation[] Organisations =
    [
        new("United Workers' Federation", "uwf_union", "uwf.org.uk", "union", "en-GB", "The UK's general union. Stronger together."),
        new("Union of Technical and Skilled Staff", "utss_union", "utss.org.uk", "union", "en-GB", "Representing 180,000 technicians, engineers and skilled staff"),
        new("National Union of Retail Workers", "nurw_union", "nurw.org.uk", "union", "en-GB", "The voice of shop workers"),
        new("Steel and Metal Workers' Alliance", "smwa_union", "smwa.org.uk", "union", "en-GB", "Steel's union"),
        new("Teachers and Lecturers Union", "tlu_union", "tlu.org.uk", "union", "en-GB", "For everyone who teaches, from nursery to college"),
        new("Federation of Small Traders", "fst_uk", "smalltraders.org.uk", "business group", "en-GB", "Standing up for the UK's 5.5 million small firms"),
        new("British Manufacturing Council", "bmc_uk", "manufacturingcouncil.org.uk", "business group", "en-GB", "Making the case for UK manufacturing"),
        new("Northern Chambers of Commerce", "northernchambers", "northernchambers.org.uk", "business group", "en-GB", "Business support across the North"),
        new("Retail Forum UK", "retailforumuk", "retailforum.org.uk", "business group", "en-GB", "The trade body for UK retail"),
        new("Exporters' Association", "exportersassoc", "exporters.org.uk", "business group", "en-GB", "Helping UK firms sell to the world"),
        new("Tech Industry Network", "techindustrynet", "techindustry.network", "business group", "en-GB", "The UK's digital and tech sector"),
        new("Hospitality Alliance UK", "hospitalityuk", "hospitalityalliance.org.uk", "business group", "en-GB", "Pubs, restaurants, hotels and cafés"),
        new("Skills for All Trust", "skillsforall", "skillsforall.org.uk", "charity", "en-GB", "Charity. Learning at every age, for everyone."),
        new("Young Futures Foundation", "youngfutures", "youngfutures.org.uk", "charity", "en-GB", "Helping young people into good work"),
        new("Fair Work Campaign", "fairworkcampaign", "fairwork.org.uk", "charity", "en-GB", "Campaigning for a fair day's pay for a fair day's work"),
        new("Citizens' Money Advice", "moneyadviceuk", "citizensmoneyadvice.org.uk", "charity", "en-GB", "Free, confidential money and debt advice"),
        new("Disability Work Network", "disabilityworknet", "disabilitywork.org.uk", "charity", "en-GB", "Disabled people in good jobs"),
        new("Institute for Productivity Studies", "ips_think", "productivitystudies.org.uk", "think tank", "en-GB", "Independent research on growth and productivity"),
        new("Centre for Regional Growth", "regionalgrowth", "regionalgrowth.org.uk", "think tank", "en-GB", "Evidence for a more balanced economy"),
        new("Open Economy Institute", "openeconomy", "openeconomy.org.uk", "think tank", "en-GB", "Free trade, open markets, better lives"),
        new("Labour Market Observatory", "lmobservatory", "lmobservatory.org.uk", "think tank", "en-GB", "Data and analysis on jobs and pay"),
        new("Future of Work Forum", "futureofwork", "futureofworkforum.org.uk", "think tank", "en-GB", "How technology is changing work"),
        new("Sgiliau Cymru", "sgiliaucymru", "sgiliau.cymru", "charity", "cy", "Elusen sgiliau i Gymru. Skills charity for Wales."),
        new("Busnesau Bach Cymru", "busnesaubach", "busnesaubach.cymru", "business group", "cy", "Llais busnesau bach yng Nghymru"),
        new("Club des exportateurs franco-britannique", "clubexportateurs", "clubexportateurs.fr", "business group", "fr", "Le réseau des entreprises françaises au Royaume-Uni"),
    ];

    public static readonly string[] PublicBios =
    [
        "Dad of two. Runner. Mostly complaining about trains.", "Small business owner. Views my own.", "Retired teacher. Gardening, grandchildren, crosswords.",
        "Apprentice electrician ⚡", "Nurse. Tea enthusiast.", "Café owner. Come for the coffee, stay for the cake.", "Union rep. Opinions mine.",
        "Student. Tired.", "Freelance designer. Available for work!", "Campaigning for better buses.", "Mum, marketer, marathon maybe one day",
        "Plumber. Self-employed 14 years.", "Accountant by day, guitarist by night", "Local councillor's long-suffering spouse",
        "HR manager. Interested in skills and fair work.", "Former steelworker. Proud of it.", "Shopkeeper on the high street for 30 years",
        "Sixth-form college lecturer", "Runs a small bakery 🥐", "Engineering graduate looking for work", "Carer. Cyclist. Cook.",
        "Data analyst. Charts are my love language.", "Here for the politics and the dogs", "", "", "",
    ];

    public static readonly string[] WelshPublicBios = ["Athrawes. Mam. Rhedwr.", "Ffermwr yn Sir Gâr", "Myfyriwr ym Mangor", "Siop fach yn y dref. Croeso!"];

    public static readonly string[] HandleNouns =
    [
        "teacup", "allotment", "lighthouse", "bakery", "bikeshed", "riverside", "moorland", "terrace", "workshop", "harbour",
    ];

    /// <summary>Real towns, for everyday posts only (visits, surveys, personal stories).</summary>
    public static readonly string[] Places =
    [
        "Leeds", "Sheffield", "Birmingham", "Manchester", "Newcastle", "Bristol", "Glasgow", "Cardiff", "Belfast",
        "Stoke", "Middlesbrough", "Swansea", "Hull", "Derby", "Plymouth", "Sunderland", "Preston", "Wolverhampton",
        "Dundee", "Norwich", "Blackpool", "Doncaster", "Wrexham", "Coventry",
    ];

    /// <summary>Welsh place names with the mutated "in …" form (yng Nghaerdydd, ym Mangor).</summary>
    public static readonly (string Name, string InForm)[] WelshPlaces =
    [
        ("Caerdydd", "yng Nghaerdydd"), ("Abertawe", "yn Abertawe"), ("Wrecsam", "yn Wrecsam"), ("Bangor", "ym Mangor"),
        ("Aberystwyth", "yn Aberystwyth"), ("Casnewydd", "yng Nghasnewydd"), ("Caerfyrddin", "yng Nghaerfyrddin"),
    ];

    public static readonly string[] Companies =
    [
        "Hartley Precision Engineering", "Northgate Foods", "Brightwater Robotics", "Calder Valley Textiles",
        "Meridian Aerospace Components", "Oakfield Bakeries", "Severn Composites", "Kestrel Logistics", "Pennine Glass",
        "Anvil & Co Metalworks", "Tidewater Marine", "Lumen Software", "Greenbank Solar", "Ashby Print Works",
    ];
}
