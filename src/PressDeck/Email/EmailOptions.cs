using System.ComponentModel.DataAnnotations;

namespace PressDeck.Email;

/// <summary>
/// Settings under <c>Email</c>: the office's SMTP server that invitations and notifications go through. Without a
/// host, PressDeck sends no email and shows people the links it would have sent.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The SMTP server's name or address; empty: email is off.</summary>
    public string Host { get; set; } = "";

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary><c>Auto</c> (STARTTLS when offered), <c>StartTls</c> (required), <c>SslOnConnect</c> (port 465) or <c>None</c>.</summary>
    public EmailSecurity Security { get; set; } = EmailSecurity.Auto;

    /// <summary>The account to sign in to the SMTP server with; empty: no sign-in.</summary>
    public string UserName { get; set; } = "";

    /// <summary>Its password: keep it in an environment variable or a secrets store, not in a settings file in version control.</summary>
    public string Password { get; set; } = "";

    [EmailAddress]
    public string FromAddress { get; set; } = "pressdeck@localhost";

    public string FromName { get; set; } = "PressDeck";

    /// <summary>The address people reach PressDeck at (e.g. https://pressdeck.example.gov.uk), for links in email; empty: the address of the page that sent it.</summary>
    public string PublicUrl { get; set; } = "";

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

public enum EmailSecurity
{
    Auto,
    StartTls,
    SslOnConnect,
    None,
}
