using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PressDeck.Connectors.Feeds;

/// <summary>
/// Loads a feed's XML safely (protocols.md 4.5): DTDs ignored, no external entity ever resolved, strict first. A
/// document that is not well-formed gets a second, lenient reading instead of being dropped: junk before the root and
/// a misplaced XML declaration are skipped, bare <c>&amp;</c> escaped and HTML entities turned into characters,
/// characters XML forbids dropped, undeclared namespace prefixes given a placeholder namespace, and elements left
/// open at a truncation closed, keeping everything read up to it. The repair is reported, never silent.
/// </summary>
internal static class FeedXml
{
    /// <summary>Namespaces that feeds use without declaring them, so their prefixes still mean what they should.</summary>
    private static readonly Dictionary<string, string> KnownPrefixes = new(StringComparer.Ordinal)
    {
        ["atom"] = "http://www.w3.org/2005/Atom",
        ["content"] = "http://purl.org/rss/1.0/modules/content/",
        ["dc"] = "http://purl.org/dc/elements/1.1/",
        ["dcterms"] = "http://purl.org/dc/terms/",
        ["itunes"] = "http://www.itunes.com/dtds/podcast-1.0.dtd",
        ["media"] = "http://search.yahoo.com/mrss/",
        ["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        ["slash"] = "http://purl.org/rss/1.0/modules/slash/",
        ["sy"] = "http://purl.org/rss/1.0/modules/syndication/",
        ["wfw"] = "http://wellformedweb.org/CommentAPI/",
        ["yt"] = "http://www.youtube.com/xml/schemas/2015",
        ["georss"] = "http://www.georss.org/georss",
        ["podcast"] = "https://podcastindex.org/namespace/1.0",
    };

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    private static readonly SearchValues<char> LettersAndDigits = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    public static bool TryLoad(string text, out XDocument? document, out string? recovery, out string? error)
    {
        document = null;
        recovery = null;
        string strictError;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings(checkCharacters: true));
            document = XDocument.Load(reader);
            error = null;
            return true;
        }
        catch (XmlException exception)
        {
            strictError = exception.Message;
        }

        var repairs = new List<string>();
        var repaired = Repair(text, repairs);
        var builder = new XDocument();
        var truncatedAt = CopyLeniently(repaired, builder);
        if (builder.Root is null)
        {
            error = IsBlank(text) ? "the document is empty" : $"no feed could be read: the XML is not well-formed ({strictError})";
            return false;
        }

        if (truncatedAt is not null)
        {
            repairs.Add($"read up to where the XML breaks off ({truncatedAt}) and closed what was open");
        }

        document = builder;
        recovery = repairs.Count == 0
            ? $"not well-formed XML ({strictError}); read leniently"
            : $"not well-formed XML ({strictError}); read leniently: {string.Join("; ", repairs)}";
        error = null;
        return true;
    }

    private static XmlReaderSettings Settings(bool checkCharacters) => new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = checkCharacters,
        MaxCharactersFromEntities = 1024,
    };

    /// <summary>True when the document holds nothing but whitespace, an XML declaration and comments.</summary>
    private static bool IsBlank(string text)
    {
        var rest = text.AsSpan().Trim();
        if (rest.StartsWith("<?xml", StringComparison.Ordinal) && rest.IndexOf("?>", StringComparison.Ordinal) is var declarationEnd and > 0)
        {
            rest = rest[(declarationEnd + 2)..].Trim();
        }

        while (rest.StartsWith("<!--", StringComparison.Ordinal))
        {
            var end = rest.IndexOf("-->", StringComparison.Ordinal);
            if (end < 0)
            {
                return false;
            }

            rest = rest[(end + 3)..].Trim();
        }

        return rest.IsEmpty;
    }

    /// <summary>Text-level repairs before the lenient reading: a real tokenizer follows, so these only mend the lexical layer.</summary>
    private static string Repair(string text, List<string> repairs)
    {
        // Anything before the first tag (BOM duplicates, whitespace, junk) and an XML declaration that is not at the start.
        var firstTag = text.IndexOf('<', StringComparison.Ordinal);
        if (firstTag > 0)
        {
            text = text[firstTag..];
            repairs.Add("skipped text before the first tag");
        }

        var declaration = text.IndexOf("<?xml", StringComparison.Ordinal);
        if (declaration > 0)
        {
            var end = text.IndexOf("?>", declaration, StringComparison.Ordinal);
            if (end > 0)
            {
                text = string.Concat(text.AsSpan(0, declaration), text.AsSpan(end + 2));
                repairs.Add("dropped an XML declaration that was not at the start");
            }
        }

        var escaped = EscapeAmpersands(text, out var changed);
        if (changed > 0)
        {
            repairs.Add($"escaped {changed.ToString(CultureInfo.InvariantCulture)} bare & or HTML entities");
        }

        return escaped;
    }

    /// <summary>Keeps XML's own entities and character references; an HTML entity becomes its character; any other <c>&amp;</c> is escaped.</summary>
    private static string EscapeAmpersands(string text, out int changed)
    {
        changed = 0;
        if (!text.Contains('&', StringComparison.Ordinal))
        {
            return text;
        }

        var output = new StringBuilder(text.Length + 64);
        var inCData = false;
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (!inCData && character == '<' && string.CompareOrdinal(text, index, "<![CDATA[", 0, 9) == 0)
            {
                inCData = true;
            }
            else if (inCData && character == ']' && string.CompareOrdinal(text, index, "]]>", 0, 3) == 0)
            {
                inCData = false;
            }

            if (character != '&' || inCData)
            {
                output.Append(character);
                continue;
            }

            var semicolon = text.IndexOf(';', index + 1, Math.Min(33, text.Length - index - 1));
            var name = semicolon > index + 1 ? text.AsSpan(index + 1, semicolon - index - 1) : [];
            if (name.Length > 0 && IsXmlReference(name))
            {
                output.Append(character);
                continue;
            }

            if (name.Length > 0 && name.IndexOfAnyExcept(LettersAndDigits) < 0)
            {
                var entity = string.Concat("&", name, ";");
                var decoded = WebUtility.HtmlDecode(entity);
                if (decoded != entity)
                {
                    foreach (var rune in decoded.EnumerateRunes())
                    {
                        output.Append("&#").Append(rune.Value.ToString(CultureInfo.InvariantCulture)).Append(';');
                    }

                    index = semicolon;
                    changed++;
                    continue;
                }
            }

            output.Append("&amp;");
            changed++;
        }

        return output.ToString();
    }

    private static bool IsXmlReference(ReadOnlySpan<char> name)
    {
        if (name is "amp" or "lt" or "gt" or "quot" or "apos")
        {
            return true;
        }

        if (name[0] != '#' || name.Length < 2)
        {
            return false;
        }

        return name[1] is 'x' or 'X'
            ? name.Length > 2 && name[2..].IndexOfAnyExcept(HexDigits) < 0
            : name[1..].IndexOfAnyExcept(Digits) < 0;
    }

    /// <summary>Copies node by node into <paramref name="target"/>; returns where reading stopped on an error, or null when it reached the end.</summary>
    private static string? CopyLeniently(string text, XDocument target)
    {
        var context = new XmlParserContext(null, new LenientNamespaceManager(new NameTable()), null, XmlSpace.None);
        using var writer = target.CreateWriter();
        var depth = 0;
        string? stoppedAt = null;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings(checkCharacters: false), context);
            var lineInfo = reader as IXmlLineInfo;
            try
            {
                while (reader.Read())
                {
                    switch (reader.NodeType)
                    {
                        case XmlNodeType.Element:
                            if (depth == 0 && target.Root is not null)
                            {
                                // A second root: the document is over.
                                return null;
                            }

                            var isEmpty = reader.IsEmptyElement;
                            writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                            while (reader.MoveToNextAttribute())
                            {
                                writer.WriteAttributeString(reader.Prefix, reader.LocalName, reader.NamespaceURI, XmlSafe(reader.Value));
                            }

                            reader.MoveToElement();
                            if (isEmpty)
                            {
                                writer.WriteEndElement();
                            }
                            else
                            {
                                depth++;
                            }

                            break;
                        case XmlNodeType.EndElement:
                            if (depth > 0)
                            {
                                writer.WriteFullEndElement();
                                depth--;
                            }

                            break;
                        case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace when depth > 0:
                            writer.WriteString(XmlSafe(reader.Value));
                            break;
                        default:
                            break;
                    }
                }
            }
            catch (XmlException exception)
            {
                stoppedAt = lineInfo is { } info && info.HasLineInfo()
                    ? $"line {info.LineNumber.ToString(CultureInfo.InvariantCulture)}: {exception.Message}"
                    : exception.Message;
            }
        }
        catch (XmlException exception)
        {
            stoppedAt = exception.Message;
        }

        for (; depth > 0; depth--)
        {
            writer.WriteFullEndElement();
        }

        writer.Flush();
        return stoppedAt;
    }

    /// <summary>Drops characters XML 1.0 does not allow (control characters, lone surrogates), which some real feeds carry.</summary>
    private static string XmlSafe(string value)
    {
        var firstBad = -1;
        for (var index = 0; index < value.Length; index++)
        {
            if (!IsAllowedAt(value, index))
            {
                firstBad = index;
                break;
            }
        }

        if (firstBad < 0)
        {
            return value;
        }

        var output = new StringBuilder(value.Length);
        output.Append(value, 0, firstBad);
        for (var index = firstBad; index < value.Length; index++)
        {
            if (IsAllowedAt(value, index))
            {
                output.Append(value[index]);
            }
        }

        return output.ToString();
    }

    private static bool IsAllowedAt(string value, int index)
    {
        var character = value[index];
        if (char.IsHighSurrogate(character))
        {
            return index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]);
        }

        if (char.IsLowSurrogate(character))
        {
            return index > 0 && char.IsHighSurrogate(value[index - 1]);
        }

        return XmlConvert.IsXmlChar(character);
    }

    /// <summary>Answers every prefix: the namespaces feeds commonly forget to declare, else a placeholder per prefix.</summary>
    private sealed class LenientNamespaceManager(XmlNameTable nameTable) : XmlNamespaceManager(nameTable)
    {
        public override string? LookupNamespace(string prefix)
        {
            var declared = base.LookupNamespace(prefix);
            if (declared is not null || string.IsNullOrEmpty(prefix))
            {
                return declared;
            }

            return KnownPrefixes.TryGetValue(prefix, out var known) ? known : "urn:x-pressdeck:undeclared:" + prefix;
        }
    }
}
