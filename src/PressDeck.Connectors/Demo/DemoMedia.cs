using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace PressDeck.Connectors.Demo;

/// <summary>
/// The demo network's images: simple static SVG illustrations (no script, no external references), served by the
/// web host under <see cref="UrlPrefix"/>. Media items of demo posts point at <c>/demo-media/{name}</c>.
/// </summary>
public static class DemoMedia
{
    public const string UrlPrefix = "/demo-media/";

    public const string SvgContentType = "image/svg+xml";

    private const string Sky = "<rect width=\"800\" height=\"450\" fill=\"#dce9f5\"/>";

    private const string Ground = "<rect y=\"360\" width=\"800\" height=\"90\" fill=\"#8a9a7b\"/>";

    private const string HardHatPerson =
        "<circle cx=\"0\" cy=\"-95\" r=\"18\" fill=\"#e0ac7e\"/><path d=\"M-22 -100 a22 20 0 0 1 44 0 z\" fill=\"#f2c200\"/>" +
        "<rect x=\"-22\" y=\"-75\" width=\"44\" height=\"60\" rx=\"8\" fill=\"#f28c28\"/><rect x=\"-18\" y=\"-15\" width=\"14\" height=\"45\" fill=\"#33415c\"/>" +
        "<rect x=\"4\" y=\"-15\" width=\"14\" height=\"45\" fill=\"#33415c\"/>";

    private static readonly DemoImage[] Images =
    [
        new("factory-visit-1.svg", "Factory visit",
            [
                "The minister, in a hard hat and hi-vis jacket, talks to two apprentices outside a factory with a saw-tooth roof.",
                "Three people in hard hats stand in front of a factory building with two chimneys.",
            ],
            Sky + Ground +
            "<path d=\"M120 360 V220 L200 170 V220 L280 170 V220 L360 170 V220 L440 170 V360 Z\" fill=\"#9aa5b1\"/>" +
            "<rect x=\"460\" y=\"120\" width=\"30\" height=\"240\" fill=\"#6b7785\"/><rect x=\"510\" y=\"150\" width=\"30\" height=\"210\" fill=\"#6b7785\"/>" +
            "<circle cx=\"480\" cy=\"95\" r=\"22\" fill=\"#f4f6f8\"/><circle cx=\"505\" cy=\"75\" r=\"16\" fill=\"#f4f6f8\"/>" +
            "<g transform=\"translate(600 360)\">" + HardHatPerson + "</g><g transform=\"translate(660 360)\">" + HardHatPerson + "</g>" +
            "<g transform=\"translate(720 360)\">" + HardHatPerson + "</g>"),
        new("factory-visit-2.svg", "Production line",
            [
                "A robot arm lifts a part on a production line while a technician watches.",
                "Inside a modern factory: a yellow robot arm over a conveyor belt.",
            ],
            "<rect width=\"800\" height=\"450\" fill=\"#e9edf1\"/><rect y=\"300\" width=\"800\" height=\"30\" fill=\"#4a5563\"/>" +
            "<rect x=\"80\" y=\"270\" width=\"90\" height=\"30\" fill=\"#2f80c9\"/><rect x=\"380\" y=\"270\" width=\"90\" height=\"30\" fill=\"#2f80c9\"/>" +
            "<rect x=\"250\" y=\"300\" width=\"40\" height=\"80\" fill=\"#5b6573\"/><path d=\"M270 300 L330 190 L430 220\" stroke=\"#f2c200\" stroke-width=\"26\" fill=\"none\" stroke-linecap=\"round\"/>" +
            "<circle cx=\"330\" cy=\"190\" r=\"18\" fill=\"#444\"/><g transform=\"translate(620 400)\">" + HardHatPerson + "</g>"),
        new("apprentices-workshop.svg", "Apprentices in a workshop",
            [
                "Two apprentices in overalls work at a bench with a vice, spanners and a drill.",
                "A training workshop: a workbench with tools hanging on the wall behind it.",
            ],
            "<rect width=\"800\" height=\"450\" fill=\"#f3ead7\"/><rect x=\"60\" y=\"60\" width=\"680\" height=\"140\" fill=\"#c9b48a\"/>" +
            "<rect x=\"100\" y=\"90\" width=\"12\" height=\"80\" fill=\"#555\"/><rect x=\"160\" y=\"90\" width=\"12\" height=\"60\" fill=\"#555\"/>" +
            "<rect x=\"220\" y=\"90\" width=\"50\" height=\"20\" fill=\"#c0392b\"/><rect x=\"80\" y=\"270\" width=\"640\" height=\"24\" fill=\"#8b5a2b\"/>" +
            "<rect x=\"100\" y=\"294\" width=\"20\" height=\"120\" fill=\"#6d4520\"/><rect x=\"680\" y=\"294\" width=\"20\" height=\"120\" fill=\"#6d4520\"/>" +
            "<g transform=\"translate(330 400)\">" + HardHatPerson + "</g><g transform=\"translate(470 400)\">" + HardHatPerson + "</g>"),
        new("college-visit.svg", "College visit",
            [
                "Students and staff gather on the steps of a further education college.",
                "A college building with a row of columns and a banner reading Open Day.",
            ],
            Sky + Ground + "<rect x=\"180\" y=\"150\" width=\"440\" height=\"210\" fill=\"#e6d5b8\"/><path d=\"M160 150 L400 70 L640 150 Z\" fill=\"#c8b28e\"/>" +
            "<rect x=\"220\" y=\"170\" width=\"24\" height=\"190\" fill=\"#f5efe3\"/><rect x=\"300\" y=\"170\" width=\"24\" height=\"190\" fill=\"#f5efe3\"/>" +
            "<rect x=\"476\" y=\"170\" width=\"24\" height=\"190\" fill=\"#f5efe3\"/><rect x=\"556\" y=\"170\" width=\"24\" height=\"190\" fill=\"#f5efe3\"/>" +
            "<rect x=\"340\" y=\"110\" width=\"120\" height=\"30\" fill=\"#1d70b8\"/><text x=\"400\" y=\"131\" font-family=\"sans-serif\" font-size=\"18\" fill=\"#fff\" text-anchor=\"middle\">Open Day</text>"),
        new("port-cranes.svg", "Port cranes",
            [
                "Container cranes stand over stacked shipping containers at a port.",
                "Lorries queue beside stacks of red and blue containers under three cranes.",
            ],
            Sky + "<rect y=\"340\" width=\"800\" height=\"110\" fill=\"#3d6e94\"/>" +
            "<path d=\"M120 340 V120 H260 M120 150 L230 120\" stroke=\"#e67e22\" stroke-width=\"12\" fill=\"none\"/>" +
            "<path d=\"M420 340 V100 H560 M420 130 L530 100\" stroke=\"#e67e22\" stroke-width=\"12\" fill=\"none\"/>" +
            "<rect x=\"200\" y=\"290\" width=\"90\" height=\"50\" fill=\"#c0392b\"/><rect x=\"290\" y=\"290\" width=\"90\" height=\"50\" fill=\"#2e86c1\"/>" +
            "<rect x=\"245\" y=\"240\" width=\"90\" height=\"50\" fill=\"#27ae60\"/><rect x=\"600\" y=\"290\" width=\"90\" height=\"50\" fill=\"#c0392b\"/>"),
        new("high-street.svg", "High street",
            [
                "A row of high street shops: a bakery, a closed unit with a To Let sign, and a café.",
                "Shoppers walk past shopfronts on a town high street.",
            ],
            Sky + "<rect y=\"370\" width=\"800\" height=\"80\" fill=\"#b8b8b8\"/>" +
            "<rect x=\"40\" y=\"160\" width=\"230\" height=\"210\" fill=\"#b5651d\"/><rect x=\"285\" y=\"160\" width=\"230\" height=\"210\" fill=\"#a0a0a0\"/>" +
            "<rect x=\"530\" y=\"160\" width=\"230\" height=\"210\" fill=\"#1f7a5c\"/><rect x=\"70\" y=\"260\" width=\"170\" height=\"90\" fill=\"#fdf3d8\"/>" +
            "<rect x=\"315\" y=\"260\" width=\"170\" height=\"90\" fill=\"#d9d9d9\"/><rect x=\"560\" y=\"260\" width=\"170\" height=\"90\" fill=\"#fdf3d8\"/>" +
            "<text x=\"400\" y=\"300\" font-family=\"sans-serif\" font-size=\"26\" fill=\"#c0392b\" text-anchor=\"middle\">TO LET</text>"),
        new("chart-rising.svg", "Rising chart",
            [
                "Bar chart: five bars rising from left to right, the last one highlighted.",
                "Chart showing steady growth over five years.",
            ],
            "<rect width=\"800\" height=\"450\" fill=\"#ffffff\"/><path d=\"M80 390 H740 M80 390 V50\" stroke=\"#333\" stroke-width=\"3\"/>" +
            "<rect x=\"120\" y=\"300\" width=\"80\" height=\"90\" fill=\"#5b9bd5\"/><rect x=\"240\" y=\"260\" width=\"80\" height=\"130\" fill=\"#5b9bd5\"/>" +
            "<rect x=\"360\" y=\"210\" width=\"80\" height=\"180\" fill=\"#5b9bd5\"/><rect x=\"480\" y=\"150\" width=\"80\" height=\"240\" fill=\"#5b9bd5\"/>" +
            "<rect x=\"600\" y=\"90\" width=\"80\" height=\"300\" fill=\"#1d70b8\"/>"),
        new("chart-falling.svg", "Falling chart",
            [
                "Bar chart: five bars falling from left to right, the last one highlighted in red.",
                "Chart showing a decline over five quarters.",
            ],
            "<rect width=\"800\" height=\"450\" fill=\"#ffffff\"/><path d=\"M80 390 H740 M80 390 V50\" stroke=\"#333\" stroke-width=\"3\"/>" +
            "<rect x=\"120\" y=\"90\" width=\"80\" height=\"300\" fill=\"#9aa5b1\"/><rect x=\"240\" y=\"150\" width=\"80\" height=\"240\" fill=\"#9aa5b1\"/>" +
            "<rect x=\"360\" y=\"200\" width=\"80\" height=\"190\" fill=\"#9aa5b1\"/><rect x=\"480\" y=\"250\" width=\"80\" height=\"140\" fill=\"#9aa5b1\"/>" +
            "<rect x=\"600\" y=\"310\" width=\"80\" height=\"80\" fill=\"#c0392b\"/>"),
        new("press-conference.svg", "Press conference",
            [
                "A speaker at a lectern with several microphones, in front of a blue backdrop.",
                "A press conference: a lectern with a crest and a row of microphones.",
            ],
            "<rect width=\"800\" height=\"450\" fill=\"#1d3557\"/><rect x=\"320\" y=\"230\" width=\"160\" height=\"220\" fill=\"#8b5a2b\"/>" +
            "<circle cx=\"400\" cy=\"290\" r=\"30\" fill=\"#f2c200\"/><circle cx=\"400\" cy=\"140\" r=\"40\" fill=\"#e0ac7e\"/>" +
            "<rect x=\"345\" y=\"185\" width=\"110\" height=\"60\" rx=\"10\" fill=\"#222\"/>" +
            "<path d=\"M360 230 L380 200 M400 230 V195 M440 230 L420 200\" stroke=\"#111\" stroke-width=\"6\"/>"),
        new("wind-turbines.svg", "Wind turbines",
            [
                "Three wind turbines on a green hillside under a blue sky.",
                "Wind turbines turning above farmland.",
            ],
            Sky + "<path d=\"M0 360 Q200 300 400 340 T800 320 V450 H0 Z\" fill=\"#6aa84f\"/>" +
            "<g stroke=\"#fff\" stroke-width=\"8\" stroke-linecap=\"round\"><path d=\"M200 340 V150 M200 150 L200 70 M200 150 L130 190 M200 150 L270 190\"/>" +
            "<path d=\"M420 340 V170 M420 170 L420 90 M420 170 L350 210 M420 170 L490 210\"/><path d=\"M620 330 V160 M620 160 L620 80 M620 160 L550 200 M620 160 L690 200\"/></g>"),
        new("steelworks.svg", "Steelworks",
            [
                "A steelworks at dusk, the blast furnace glowing orange and smoke rising from a chimney.",
                "Workers in protective gear watch molten steel pour from a ladle.",
            ],
            "<rect width=\"800\" height=\"450\" fill=\"#3b2f4a\"/><rect y=\"360\" width=\"800\" height=\"90\" fill=\"#2b2b2b\"/>" +
            "<rect x=\"150\" y=\"150\" width=\"120\" height=\"210\" fill=\"#555\"/><rect x=\"300\" y=\"60\" width=\"40\" height=\"300\" fill=\"#666\"/>" +
            "<rect x=\"380\" y=\"200\" width=\"300\" height=\"160\" fill=\"#4d4d4d\"/><circle cx=\"210\" cy=\"300\" r=\"40\" fill=\"#ff8c1a\"/>" +
            "<circle cx=\"320\" cy=\"40\" r=\"26\" fill=\"#8c8c8c\"/><circle cx=\"350\" cy=\"20\" r=\"20\" fill=\"#8c8c8c\"/>"),
        new("office-laptop.svg", "Laptop at work",
            [
                "A laptop on an office desk showing a chat window, with a mug of tea beside it.",
                "Someone types on a laptop at an open-plan office desk.",
            ],
            "<rect width=\"800\" height=\"450\" fill=\"#eef2f5\"/><rect y=\"320\" width=\"800\" height=\"130\" fill=\"#c9a66b\"/>" +
            "<rect x=\"230\" y=\"110\" width=\"340\" height=\"210\" rx=\"10\" fill=\"#2d3436\"/><rect x=\"248\" y=\"128\" width=\"304\" height=\"174\" fill=\"#dfe6e9\"/>" +
            "<rect x=\"265\" y=\"145\" width=\"180\" height=\"26\" rx=\"8\" fill=\"#74b9ff\"/><rect x=\"355\" y=\"185\" width=\"180\" height=\"26\" rx=\"8\" fill=\"#55efc4\"/>" +
            "<rect x=\"190\" y=\"320\" width=\"420\" height=\"16\" rx=\"4\" fill=\"#636e72\"/><rect x=\"650\" y=\"270\" width=\"50\" height=\"60\" rx=\"6\" fill=\"#d63031\"/>"),
    ];

    private static readonly FrozenDictionary<string, DemoImage> ImagesByName =
        Images.ToFrozenDictionary(image => image.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, byte[]> ContentByName =
        Images.ToFrozenDictionary(image => image.Name, Render, StringComparer.OrdinalIgnoreCase);

    /// <summary>File names (<c>factory-visit-1.svg</c>, …) of every image.</summary>
    public static IReadOnlyCollection<string> Names => ImagesByName.Keys;

    public static string UrlFor(string name) => UrlPrefix + name;

    /// <summary>The image's bytes and content type; <paramref name="name"/> is the file name without <see cref="UrlPrefix"/>.</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out byte[]? content, [NotNullWhen(true)] out string? contentType)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ContentByName.TryGetValue(name, out var stored))
        {
            // A copy, so a caller cannot change what the next request gets.
            content = stored.ToArray();
            contentType = SvgContentType;
            return true;
        }

        content = null;
        contentType = null;
        return false;
    }

    internal static DemoImage Get(string name) => ImagesByName[name];

    private static byte[] Render(DemoImage image) => Encoding.UTF8.GetBytes(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 800 450\" width=\"800\" height=\"450\" role=\"img\">" +
        "<title>" + image.Title + "</title>" + image.Body + "</svg>\n");
}
