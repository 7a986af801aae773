namespace PressDeck.Connectors.Demo;

internal static class DemoTopicCatalog
{
    public const string TrendingHashtag = "SkillsBill";

    public static readonly DemoTopicContent[] Topics =
    [
        new()
        {
            Topic = new("Skills Bill", ["SkillsBill", "Apprenticeships"]),
            Weight = 3.0,
            Policies = ["the Skills Bill", "the apprenticeship guarantee", "the lifelong learning entitlement", "the new skills levy"],
            Issues = ["apprenticeship starts", "college funding", "adult retraining", "the skills gap", "training budgets"],
            People = ["apprentices", "college principals", "employers", "young people", "adult learners"],
            Stats =
            [
                "apprenticeship starts are down {pct} on last year", "1 in 5 employers say they cannot find staff with the right skills",
                "college funding per student is still {pct} below its 2010 level", "only {pct} of adults did any training last year",
                "{jobs} engineering vacancies went unfilled last quarter",
            ],
            Headlines =
            [
                "Ministers unveil {money} plan to train {jobs} apprentices", "Skills Bill clears Commons second reading",
                "Colleges warn Skills Bill funding will not cover rising costs", "Employers to get new powers to design apprenticeships",
                "Lifelong learning loans delayed until {year}", "Skills Minister promises 'no young person left behind'",
            ],
            Questions =
            [
                "the {money} for apprenticeships is new money", "the Skills Bill will still get its second reading next week",
                "the lifelong learning entitlement has been delayed to {year}", "colleges will get extra funding to deliver the Skills Bill",
                "the apprenticeship guarantee applies to over-25s",
            ],
            OfficeLines =
            [
                "The Skills Bill will give everyone the chance to train, at any stage of life.",
                "We are investing {money} so that {jobs} more people can start an apprenticeship by {year}.",
                "Employers told us they need skilled people. The Skills Bill puts them in the driving seat.",
                "Apprenticeships change lives. We want more young people to get that chance.",
            ],
            OppositionLines =
            [
                "The Skills Bill is all press release and no funding. Colleges in {constituency} deserve better.",
                "Apprenticeship starts have fallen for three years. Ministers need a plan, not a slogan.",
                "We will support the Skills Bill if the government commits the money colleges are asking for.",
            ],
            Stances =
            [
                "We welcome the Skills Bill, but the funding falls well short of what colleges need.",
                "The apprenticeship guarantee is a good start. Now it must reach the people who need it most.",
                "Our members are clear: without more money for training, the Skills Bill will not close the skills gap.",
            ],
            Asks = ["publish the full impact assessment for the Skills Bill", "guarantee funding for colleges before the Skills Bill passes", "extend the apprenticeship guarantee to over-25s"],
            Opinions =
            [
                "My son has applied for 40 apprenticeships this year. Forty. Not one interview.",
                "Did an evening course at 45 and it changed my career. More of this please.",
                "Our college has cut three courses since September. Where is the money going?",
                "Took on our first apprentice last year. Best decision we made as a small firm.",
                "Every party says skills matter. Then nothing changes.",
            ],
            Publications = ["the Skills Bill impact assessment", "new apprenticeship statistics", "guidance for employers on the apprenticeship guarantee"],
            Images = ["apprentices-workshop.svg", "college-visit.svg", "factory-visit-1.svg"],
        },
        new()
        {
            Topic = new("Trade deal", ["TradeDeal", "Exports"]),
            Weight = 1.4,
            Policies = ["the trade deal", "the new export support scheme", "the trade agreement with the Gulf states", "the tariff review"],
            Issues = ["export paperwork", "tariffs on steel", "food standards", "border checks", "rules of origin"],
            People = ["exporters", "farmers", "hauliers", "small manufacturers", "trade negotiators"],
            Stats =
            [
                "exports to the EU fell {pct} in the last quarter", "{pct} of small exporters say paperwork costs have risen",
                "the deal is forecast to add {money} a year to the economy by {year}", "goods exports rose {pct} year on year",
            ],
            Headlines =
            [
                "Trade deal talks enter 'final stretch', minister says", "Exporters warn new border checks will add weeks of delays",
                "UK and partners agree to cut tariffs on {n} thousand products", "Farmers fear trade deal will undercut food standards",
                "Government launches {money} export support scheme",
            ],
            Questions =
            [
                "the trade deal will be signed before the summer recess", "food standards are protected in the trade deal",
                "tariffs on steel are part of the current talks", "the export support scheme is open to sole traders",
            ],
            OfficeLines =
            [
                "This deal opens new markets for British businesses and supports jobs in every region.",
                "Our export support scheme helps small firms sell to the world, with {money} of backing.",
                "We will never compromise on food standards in any trade deal.",
            ],
            OppositionLines =
            [
                "Ministers promised a deal by spring. Exporters in {constituency} are still waiting.",
                "The government must publish what it is giving away in the trade deal before MPs vote on it.",
            ],
            Stances =
            [
                "Exporters need certainty. We urge negotiators to prioritise simpler paperwork.",
                "Any trade deal must protect workers' rights and food standards. No exceptions.",
                "A good deal for consumers and for makers. We welcome today's progress.",
            ],
            Asks = ["publish the trade deal's impact on manufacturing jobs", "give exporters a single point of contact for border checks"],
            Opinions =
            [
                "We export cheese to France. The paperwork now takes longer than making the cheese.",
                "Cheaper imports sound great until it's your farm that closes.",
                "Anyone else's parcels from Europe taking three weeks now?",
            ],
            Publications = ["the trade deal's economic assessment", "new guidance for exporters", "the export support scheme prospectus"],
            Images = ["port-cranes.svg", "chart-rising.svg"],
        },
        new()
        {
            Topic = new("Steel and manufacturing", ["SteelJobs", "Manufacturing"]),
            Weight = 1.2,
            Policies = ["the steel strategy", "the manufacturing growth plan", "the industrial energy discount"],
            Issues = ["steel jobs", "factory orders", "energy costs for manufacturers", "supply chains", "the future of the blast furnaces"],
            People = ["steelworkers", "factory owners", "engineers", "supply chain firms"],
            Stats =
            [
                "manufacturing output rose {pct} last month", "the UK now makes {pct} less steel than a decade ago",
                "{jobs} people work in the steel industry", "factory orders are at their lowest since {year}",
            ],
            Headlines =
            [
                "Steel strategy promises {money} to modernise plants", "Factory orders fall for a third month",
                "Manufacturers call for energy price cap", "Robotics firm to create {jobs} jobs in {place}",
            ],
            Questions =
            [
                "the steel strategy includes money for electric arc furnaces", "ministers have met the owners of the Brackenford plant this week",
                "the industrial energy discount will be extended beyond {year}",
            ],
            OfficeLines =
            [
                "Steel has a future in this country. Our strategy backs it with {money}.",
                "Manufacturing employs 2.6 million people. We are backing makers in every region.",
            ],
            OppositionLines =
            [
                "Every week without a steel strategy puts more jobs at risk in {constituency}.",
                "Manufacturers are paying some of the highest energy prices in Europe. The government has no answer.",
            ],
            Stances =
            [
                "Steelworkers need a guarantee, not another review.",
                "Today's figures show manufacturers are resilient, but energy costs are holding back investment.",
            ],
            Asks = ["match European energy prices for heavy industry", "publish the steel strategy in full"],
            Opinions =
            [
                "Three generations of my family worked at the steelworks. It's the heart of this town.",
                "Manufacturing is not dead in this country, it's just quieter. Our order book is full.",
            ],
            Publications = ["the steel strategy", "the manufacturing growth plan"],
            Images = ["steelworks.svg", "factory-visit-1.svg", "factory-visit-2.svg"],
        },
        new()
        {
            Topic = new("Small business and late payment", ["SmallBusiness", "LatePayment"]),
            Weight = 1.2,
            Policies = ["the late payment law", "the small business plan", "the business rates review"],
            Issues = ["late payment", "business rates", "access to finance", "cash flow for small firms"],
            People = ["small business owners", "sole traders", "suppliers", "start-ups"],
            Stats =
            [
                "small firms are owed {money} in late payments", "{pct} of small businesses say late payment threatens their survival",
                "the average invoice is paid {n} days late",
            ],
            Headlines =
            [
                "Big firms to face fines for paying suppliers late", "Small business confidence falls to two-year low",
                "Business rates review promises relief for high street shops",
            ],
            Questions =
            [
                "the late payment fines will apply to public sector bodies", "the business rates review will report before the Budget",
            ],
            OfficeLines =
            [
                "Late payment kills good businesses. Our new law means big firms must pay on time.",
                "Small businesses are the backbone of our economy and we are on their side.",
            ],
            OppositionLines = ["Small firms in {constituency} tell me they are owed thousands. Ministers have been too slow."],
            Stances =
            [
                "Tough action on late payment is long overdue. We welcome it.",
                "One in three of our members has waited more than 60 days to be paid. This has to stop.",
            ],
            Asks = ["make late payment fines apply to government departments too", "publish which big firms pay their suppliers late"],
            Opinions =
            [
                "Invoiced a big retailer in March. Still not paid. It's now {month}.",
                "Running a small business is 10% the work you love and 90% chasing invoices.",
                "Paid my business rates, paid my staff, paid myself last. Again.",
            ],
            Publications = ["the small business plan", "the late payment consultation response"],
            Images = ["high-street.svg", "chart-falling.svg"],
        },
        new()
        {
            Topic = new("Minimum wage", ["MinimumWage", "LivingWage"]),
            Weight = 1.0,
            Policies = ["the minimum wage rise", "the new youth rate", "the Low Pay Commission's advice"],
            Issues = ["low pay", "the youth rate", "pay for care workers", "the cost of living"],
            People = ["low-paid workers", "care workers", "hospitality staff", "employers"],
            Stats = ["the minimum wage will rise by {pct} in April", "{jobs} workers will get a pay rise in April", "{pct} of hospitality firms say they will cut hours"],
            Headlines = ["Minimum wage to rise to £13.10 an hour", "Hospitality firms warn of job cuts after pay rise", "Youth rate to be scrapped by {year}"],
            Questions = ["the youth rate will be scrapped by {year}", "the minimum wage rise will be funded for care providers"],
            OfficeLines = ["From April, {jobs} workers will get a pay rise. Hard work should always pay."],
            OppositionLines = ["A pay rise is welcome, but prices are rising faster for families in {constituency}."],
            Stances = ["A welcome rise for millions, but still short of a real living wage.", "Employers support fair pay, but the rise must come with help on costs."],
            Asks = ["fund the minimum wage rise for care providers"],
            Opinions = ["Pay rise in April, rent rise in March. Funny that.", "I run a café with six staff. I want to pay more. I just need the customers."],
            Publications = ["the Low Pay Commission's report", "the government response on the minimum wage"],
            Images = ["chart-rising.svg", "high-street.svg"],
        },
        new()
        {
            Topic = new("High streets", ["HighStreet", "ShopLocal"]),
            Weight = 0.9,
            Policies = ["the high street rescue fund", "the empty shops scheme", "the business rates review"],
            Issues = ["empty shops", "footfall", "town centre parking", "bank branch closures"],
            People = ["shopkeepers", "market traders", "town councils", "shoppers"],
            Stats = ["one in seven high street shops is empty", "footfall is down {pct} on before the pandemic", "{n}0 bank branches are closing this month"],
            Headlines = ["{money} fund to bring empty shops back into use", "High street footfall rises for the first time in a year", "Councils to get powers to auction empty shops"],
            Questions = ["the high street rescue fund is new money", "councils will be able to auction shops empty for more than a year"],
            OfficeLines = ["Our high streets are the heart of our communities. This fund will help bring empty shops back to life."],
            OppositionLines = ["Another fund, another photo opportunity. {constituency} has lost {n} shops this year."],
            Stances = ["Shops need lower rates, not another bidding competition.", "We welcome new powers to tackle empty shops."],
            Asks = ["cut business rates for small shops now"],
            Opinions = ["Our high street has four vape shops and a closed bank. Not exactly thriving.", "Bought all my presents locally this year. Felt good!"],
            Publications = ["the high streets prospectus"],
            Images = ["high-street.svg"],
        },
        new()
        {
            Topic = new("Energy costs for business", ["EnergyBills", "NetZero"]),
            Weight = 0.9,
            Policies = ["the business energy scheme", "the green industry fund", "the net zero plan for industry"],
            Issues = ["business energy bills", "green jobs", "the cost of going net zero", "grid connections"],
            People = ["manufacturers", "pub landlords", "installers", "energy-intensive firms"],
            Stats = ["business energy bills are {pct} higher than three years ago", "the green industry fund has backed {n}0 projects", "{jobs} people work in green jobs"],
            Headlines = ["Firms to get help with energy bills under new scheme", "Green industry fund backs {n}0 new projects", "Pubs warn energy bills could force closures"],
            Questions = ["the business energy scheme will be extended after March", "the green industry fund is fully allocated"],
            OfficeLines = ["Our green industry fund is backing {jobs} jobs in clean manufacturing."],
            OppositionLines = ["Energy bills are crushing firms in {constituency}. The scheme is too little, too late."],
            Stances = ["Net zero is a huge opportunity for UK industry, if the support is there.", "Energy costs remain the biggest worry for our members."],
            Asks = ["extend the business energy scheme beyond March"],
            Opinions = ["Our pub's energy bill is now more than the rent.", "Just had solar panels fitted on the workshop roof. Should have done it years ago."],
            Publications = ["the net zero plan for industry"],
            Images = ["wind-turbines.svg", "chart-rising.svg"],
        },
        new()
        {
            Topic = new("AI at work", ["AIatWork", "DigitalSkills"]),
            Weight = 0.8,
            Policies = ["the AI skills drive", "the digital skills bootcamps", "the AI at work guidance"],
            Issues = ["AI in the workplace", "digital skills", "jobs at risk from automation", "AI training for small firms"],
            People = ["office workers", "tech firms", "graduates", "trade unions"],
            Stats = ["{pct} of firms now use AI tools at work", "{jobs} people have finished a digital skills bootcamp", "only {pct} of workers have had any AI training"],
            Headlines = ["Government launches AI skills drive for {jobs} workers", "Unions demand a say over AI in the workplace", "Digital bootcamps to expand to {n} more towns"],
            Questions = ["the AI skills drive is funded from the existing skills budget", "the AI at work guidance will be statutory"],
            OfficeLines = ["We want every worker to have the skills to use AI with confidence."],
            OppositionLines = ["Workers in {constituency} want to know whether AI will take their jobs. Ministers have no answer."],
            Stances = ["AI must work for workers, not against them.", "UK tech firms are ready to help train the workforce."],
            Asks = ["give workers a legal right to be consulted before AI is introduced"],
            Opinions = ["Our office brought in an AI tool last month. Nobody has been shown how to use it.", "Did a free digital skills bootcamp. Got a job two months later!"],
            Publications = ["the AI at work guidance"],
            Images = ["office-laptop.svg"],
        },
        new()
        {
            Topic = new("Regional growth", ["RegionalGrowth", "InvestmentZones"]),
            Weight = 0.8,
            Policies = ["the investment zones", "the regional growth fund", "the devolution deals"],
            Issues = ["regional inequality", "investment in the North", "local transport", "good jobs outside London"],
            People = ["mayors", "local businesses", "council leaders", "investors"],
            Stats = ["productivity in the North East is {pct} below the UK average", "investment zones have attracted {money} so far", "{jobs} jobs have been created in investment zones"],
            Headlines = ["{n} new investment zones announced", "Investment zone in {place} attracts {money}", "Think tank says regional growth promises are off track"],
            Questions = ["the investment zones will continue after {year}", "the regional growth fund will be cut in the spending review"],
            OfficeLines = ["Investment zones are bringing {money} of private investment to the places that need it most."],
            OppositionLines = ["{constituency} was promised an investment zone two years ago. Still nothing."],
            Stances = ["Regional growth needs long-term funding, not short bidding rounds.", "Promising early results from the investment zones."],
            Asks = ["publish the jobs created in each investment zone"],
            Opinions = ["Great to see new jobs coming to {place}. About time.", "They keep announcing investment in the North. I'll believe it when the trains run."],
            Publications = ["the investment zones progress report"],
            Images = ["factory-visit-2.svg", "chart-rising.svg"],
        },
        new()
        {
            Topic = new("Employment rights", ["EmploymentRights", "FlexibleWorking"]),
            Weight = 0.9,
            Policies = ["the Employment Rights Bill", "the flexible working rules", "the ban on zero-hours contracts"],
            Issues = ["zero-hours contracts", "flexible working", "sick pay", "fire and rehire"],
            People = ["workers", "HR teams", "small employers", "shift workers"],
            Stats = ["{jobs} people are on zero-hours contracts", "{pct} of requests for flexible working are approved", "{pct} of employers say they are ready for the new rules"],
            Headlines = ["Employment Rights Bill: what changes and when", "Flexible working to become a day-one right", "Business groups warn employment reforms will cost {money}"],
            Questions = ["the ban on zero-hours contracts will apply to agency workers", "statutory sick pay will start from day one"],
            OfficeLines = ["Our Employment Rights Bill means security and fairness at work for millions of people."],
            OppositionLines = ["Employers in {constituency} are worried about the cost of these reforms. Ministers are not listening."],
            Stances = ["A historic step forward for working people.", "Small firms need clear guidance and time to prepare."],
            Asks = ["publish clear guidance for small employers before the rules take effect"],
            Opinions = ["Zero-hours contract for six years. Never knew what I'd earn week to week.", "Flexible working is the only reason I can do my job and look after my mum."],
            Publications = ["the Employment Rights Bill factsheets"],
            Images = ["press-conference.svg", "office-laptop.svg"],
        },
        new()
        {
            Topic = new("Consumer protection", ["ConsumerRights", "Scams"]),
            Weight = 0.7,
            Policies = ["the consumer protection reforms", "the fake reviews ban", "the subscription traps crackdown"],
            Issues = ["online scams", "fake reviews", "subscription traps", "drip pricing"],
            People = ["shoppers", "online retailers", "trading standards officers", "older people"],
            Stats = ["scams cost consumers {money} last year", "{pct} of online reviews may be fake", "{pct} of people have been caught by a subscription they did not want"],
            Headlines = ["Fake reviews banned under new consumer law", "Crackdown on subscription traps comes into force", "Scam losses reach record {money}"],
            Questions = ["the fake reviews ban will be enforced from {month}", "the regulator will get new fining powers"],
            OfficeLines = ["From today, fake reviews are banned. Shoppers deserve honest information."],
            OppositionLines = ["Scams are at record levels and the government is still consulting."],
            Stances = ["A big win for shoppers. Now it must be properly enforced.", "Trading standards need the resources to make these rules bite."],
            Asks = ["fund trading standards to enforce the new consumer rules"],
            Opinions = ["Got a text pretending to be my parcel company. Third one this week.", "Took me 45 minutes to cancel a gym membership I signed up for in 2 minutes."],
            Publications = ["guidance on the new consumer rules"],
            Images = ["office-laptop.svg", "chart-rising.svg"],
        },
    ];

    /// <summary>Sudden stories: a burst of posts from news accounts and journalists, then reactions.</summary>
    public static readonly DemoBreakingStory[] BreakingStories =
    [
        new("PortAldwickStrike", "news",
            "Dock workers at Port Aldwick walk out in pay dispute, halting exports",
            [
                "Port Aldwick latest: the union says the strike will last 48 hours", "Lorries are queuing for six miles outside Port Aldwick",
                "Exporters warn of lost perishable goods as the Port Aldwick strike goes on", "Port Aldwick's owners say they are 'ready to talk'",
            ],
            [
                "My delivery has been stuck at Port Aldwick since Monday. Brilliant.", "We urge both sides in the Port Aldwick dispute to get back round the table.",
                "Solidarity with the dock workers at Port Aldwick.", "Our members have {n} containers stuck at Port Aldwick. Every day costs money.",
            ],
            ["the Secretary of State will make a statement on the Port Aldwick strike today", "the department has contingency plans for exports through Port Aldwick"],
            "port-cranes.svg"),
        new("BrackenfordSteel", "business",
            "Brackenford steelworks owner plans to close its blast furnace, putting 1,800 jobs at risk",
            [
                "Brackenford: union leaders are meeting management this afternoon", "Brackenford MP calls for an urgent statement in the Commons",
                "Workers gather at the gates of the Brackenford plant", "Brackenford steel: what we know so far",
            ],
            [
                "Devastating news for Brackenford. My dad worked there for 35 years.", "The government must step in to save steelmaking at Brackenford.",
                "Thinking of every family in Brackenford tonight.", "This is what happens without a steel strategy.",
            ],
            ["ministers knew about the Brackenford closure plan before today", "the government will take a stake in the Brackenford plant"],
            "steelworks.svg"),
        new("PaymentsOutage", "news",
            "Card payments down at major retailers across the UK",
            [
                "Payments outage: supermarkets are asking customers to pay in cash", "The payments provider says it is 'working urgently' to fix the fault",
                "Card payments are coming back online at some retailers", "Payments outage: shops report queues and abandoned trolleys",
            ],
            [
                "Stood at the till with a full trolley and no way to pay. Great.", "Small shops can't afford a day like this.",
                "Good thing I still carry cash.", "Who regulates these payment firms?",
            ],
            ["the department has spoken to the payments provider about the outage"],
            "chart-falling.svg"),
        new("FenwickResigns", "politics",
            "Small Business Minister Andrew Fenwick resigns",
            [
                "Andrew Fenwick's resignation letter cites 'personal reasons'", "Downing Street says a new Small Business Minister will be named today",
                "Fenwick resignation: opposition and business groups react", "Who could replace Andrew Fenwick?",
            ],
            [
                "Third minister in this post in two years. Small firms deserve stability.", "Sorry to see him go. He listened to small businesses.",
                "Another day, another resignation.", "Whoever gets the job: please fix late payment.",
            ],
            ["Andrew Fenwick's resignation was linked to the late payment law", "a new Small Business Minister will be appointed today"],
            "press-conference.svg"),
        new("StanmoorPlant", "business",
            "Carmaker confirms {money} investment in Stanmoor plant, creating 2,000 jobs",
            [
                "Stanmoor investment: the plant will build electric vans from {year}", "Stanmoor: the Business Secretary will visit the plant tomorrow",
                "Stanmoor deal includes government support, the company says", "What the Stanmoor investment means for suppliers",
            ],
            [
                "Fantastic news for Stanmoor!", "How much public money went into the Stanmoor deal?",
                "My nephew works at Stanmoor. Huge relief for the family.", "Proof that UK manufacturing has a future.",
            ],
            ["the government is providing money towards the Stanmoor investment", "the Business Secretary will visit Stanmoor this week"],
            "factory-visit-2.svg"),
        new("GreyhavenFire", "news",
            "Major fire at Greyhaven distribution centre; staff evacuated",
            [
                "Greyhaven fire: the fire service says 12 engines are at the scene", "All staff accounted for after the Greyhaven fire, the company says",
                "Residents near Greyhaven are told to keep windows closed", "Greyhaven: the fire is now under control",
            ],
            [
                "Huge smoke cloud over Greyhaven. Hope everyone is safe.", "Thank you to the firefighters in Greyhaven.",
                "I work two units down from the Greyhaven site. Scary morning.",
            ],
            ["the department is in contact with the firms affected by the Greyhaven fire"],
            "steelworks.svg"),
        new("TradeTalksSuspended", "politics",
            "Trade talks suspended after late-night row over steel tariffs",
            [
                "Trade talks: officials say negotiations could resume 'within days'", "Steel tariffs were the sticking point, sources say",
                "Trade Minister Ruth Ellison to update MPs on the suspended talks", "What the suspended trade talks mean for exporters",
            ],
            [
                "So much for the 'final stretch'.", "Good. No deal is better than a deal that sells out steel.",
                "Exporters need certainty, not drama.",
            ],
            ["the trade talks have been suspended over steel tariffs", "the Trade Minister will make a statement in the Commons today"],
            "port-cranes.svg"),
        new("SkillsBillDefeat", "politics",
            "Government defeated in Lords vote on Skills Bill amendment",
            [
                "Skills Bill defeat: peers vote to guarantee college funding", "The government says it will 'reflect' on the Skills Bill defeat",
                "The Skills Bill now returns to the Commons", "Skills Bill: what the Lords amendment would change",
            ],
            [
                "Good. Colleges need that guarantee in law.", "The Lords doing their job.", "Will ministers overturn this in the Commons?",
            ],
            ["the government will overturn the Lords amendment to the Skills Bill", "the Skills Bill timetable will slip after the Lords defeat"],
            "college-visit.svg"),
    ];
}
