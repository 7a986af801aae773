using System.Net;
using System.Text.RegularExpressions;

namespace PressDeck.Testing;

/// <summary>
/// A person's browser without the browser: an HttpClient with its own cookies that does not follow redirects, and
/// fills PressDeck's server-rendered forms (antiforgery token included) the way the browser would submit them.
/// </summary>
public sealed partial class SiteClient : IDisposable
{
    private readonly HttpClientHandler _handler;

    public SiteClient(string baseUrl)
    {
        _handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true };
        Http = new HttpClient(_handler) { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/") };
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies => _handler.CookieContainer;

    /// <summary>Signs in through the sign-in form; returns the form's answer (a redirect when it worked).</summary>
    public Task<HttpResponseMessage> SignInAsync(string email, string password, CancellationToken cancellationToken) =>
        SubmitFormAsync("account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }, cancellationToken);

    /// <summary>Loads the page at <paramref name="path"/>, then posts the named form with the page's antiforgery token and the given fields.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string path, string formName, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var token = await AntiforgeryTokenAsync(path, cancellationToken);
        var values = new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = token };
        using var content = new FormUrlEncodedContent(values);
        return await Http.PostAsync(path, content, cancellationToken);
    }

    /// <summary>The antiforgery token of the first form on the page at <paramref name="path"/>.</summary>
    public async Task<string> AntiforgeryTokenAsync(string path, CancellationToken cancellationToken)
    {
        using var page = await Http.GetAsync(path, cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        var match = TokenPattern().Match(html);
        return match.Success
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token on {path} ({(int)page.StatusCode}):\n{html[..Math.Min(html.Length, 2000)]}");
    }

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
