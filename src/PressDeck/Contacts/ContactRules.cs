using System.Net.Mail;
using System.Text.RegularExpressions;
using PressDeck.Core.Posts;
using PressDeck.Data.Contacts;

namespace PressDeck.Contacts;

/// <summary>
/// What a contact may hold, the same for the form and for every CSV row: a name, fields within their lengths, an email
/// address that is one, and handles that are valid for their network (QUERY-LANGUAGE.md section 1 gives each network's
/// form). Handles are stored lower case without <c>@</c>, as the archive stores authors, so history lookups match.
/// </summary>
public static partial class ContactRules
{
    /// <summary>The networks a contact has handles on, in the order forms and CSV columns show them.</summary>
    public static readonly IReadOnlyList<Network> Networks = [Network.Bluesky, Network.Mastodon, Network.X];

    /// <summary>
    /// The networks the contact form offers: the real ones and the demo network, whose journalists the training sandbox
    /// imports from its lists. Demo handles are not written to CSV: they are nobody's personal data.
    /// </summary>
    public static readonly IReadOnlyList<Network> FormNetworks = [Network.Bluesky, Network.Mastodon, Network.X, Network.Demo];

    /// <summary>The fields and their handles, trimmed and normalised, or every problem found (in words, for people).</summary>
    public static (CheckedContact? Contact, IReadOnlyList<string> Problems) Check(ContactForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var problems = new List<string>();
        var name = Field(form.Name, "name", Contact.NameLength, problems);
        var outlet = Field(form.Outlet, "outlet", Contact.OutletLength, problems);
        var beat = Field(form.Beat, "beat", Contact.BeatLength, problems);
        var email = Field(form.Email, "email", Contact.EmailLength, problems);
        var phone = Field(form.Phone, "phone", Contact.PhoneLength, problems);
        var notes = Field(form.Notes, "notes", Contact.NotesLength, problems);
        if (name.Length == 0)
        {
            problems.Insert(0, "the name is missing");
        }

        if (email.Length > 0 && !IsEmail(email))
        {
            problems.Add($"\"{email}\" is not a valid email address");
        }

        if (phone.Length > 0 && !PhonePattern().IsMatch(phone))
        {
            problems.Add($"\"{phone}\" is not a phone number (digits, spaces, + ( ) - . and an extension)");
        }

        var handles = new List<(Network, string)>();
        foreach (var typed in form.Handles)
        {
            if (string.IsNullOrWhiteSpace(typed.Handle))
            {
                continue;
            }

            if (!TryNormaliseHandle(typed.Network, typed.Handle, out var handle))
            {
                problems.Add($"\"{typed.Handle.Trim()}\" is not a valid {NetworkName(typed.Network)} handle ({HandleForm(typed.Network)})");
                continue;
            }

            if (!handles.Contains((typed.Network, handle)))
            {
                handles.Add((typed.Network, handle));
            }
        }

        return problems.Count > 0 ? (null, problems) : (new CheckedContact(name, outlet, beat, email, phone, notes, handles), problems);
    }

    /// <summary>
    /// The stored form of a handle (trimmed, lower case, without a leading <c>@</c>) if it is a valid handle on
    /// <paramref name="network"/>: an X username, a Bluesky domain handle or DID, or a Mastodon <c>user@server</c>.
    /// </summary>
    public static bool TryNormaliseHandle(Network network, string typed, out string handle)
    {
        ArgumentNullException.ThrowIfNull(typed);
        handle = typed.Trim();
        if (handle.StartsWith('@'))
        {
            handle = handle[1..];
        }

        handle = handle.ToLowerInvariant();
        if (handle.Length is 0 or > ContactHandle.HandleLength)
        {
            return false;
        }

        return network switch
        {
            Network.X => XHandlePattern().IsMatch(handle),
            Network.Bluesky => DidPattern().IsMatch(handle) || IsDomain(handle),
            Network.Mastodon => handle.Split('@') is [var user, var server] && MastodonUserPattern().IsMatch(user) && IsDomain(server),
            Network.Demo => DemoHandlePattern().IsMatch(handle),
            _ => false,
        };
    }

    public static string NetworkName(Network network) => network switch
    {
        Network.Bluesky => "Bluesky",
        Network.Mastodon => "Mastodon",
        Network.X => "X",
        _ => network.ToString(),
    };

    /// <summary>How a handle on <paramref name="network"/> looks, for messages.</summary>
    public static string HandleForm(Network network) => network switch
    {
        Network.X => "1 to 15 letters, digits or _",
        Network.Bluesky => "a domain such as name.bsky.social, or a did:plc: identifier",
        Network.Mastodon => "user@server, such as name@mastodon.social",
        Network.Demo => "1 to 30 letters, digits or _",
        _ => "not a network contacts have handles on",
    };

    /// <summary>A handle as people write it: <c>@name</c>.</summary>
    public static string Display(string handle) => handle.StartsWith("did:", StringComparison.Ordinal) ? handle : "@" + handle;

    private static string Field(string? value, string label, int maxLength, List<string> problems)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length > maxLength)
        {
            problems.Add($"the {label} is {trimmed.Length:N0} characters long; at most {maxLength:N0} fit");
        }

        return trimmed;
    }

    private static bool IsEmail(string email) =>
        EmailPattern().IsMatch(email) && MailAddress.TryCreate(email, out var address) && string.Equals(address.Address, email, StringComparison.Ordinal);

    private static bool IsDomain(string host) => host.Length <= 253 && DomainPattern().IsMatch(host);

    [GeneratedRegex("^[a-z0-9_]{1,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex XHandlePattern();

    [GeneratedRegex("^[a-z0-9_]{1,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex DemoHandlePattern();

    [GeneratedRegex("^[a-z0-9_]+([a-z0-9_.-]*[a-z0-9_])?$", RegexOptions.CultureInvariant)]
    private static partial Regex MastodonUserPattern();

    // Labels of letters, digits and inner hyphens; at least two labels; the last one is not all digits.
    [GeneratedRegex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();

    [GeneratedRegex("^did:(plc:[a-z2-7]{24}|web:[a-z0-9.-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex DidPattern();

    [GeneratedRegex("^[^@\\s\"<>()\\[\\],;:]+@[^@\\s\"<>()\\[\\],;:]+\\.[^@\\s\"<>()\\[\\],;:.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^\\+?[0-9 ()./-]{3,}( ?(ext\\.?|x) ?[0-9]{1,6})?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PhonePattern();
}
