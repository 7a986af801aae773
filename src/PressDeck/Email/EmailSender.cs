using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace PressDeck.Email;

/// <summary>A message to one person, in plain text (what every mail client shows well and screen readers read simply).</summary>
public sealed record EmailMessage(string ToAddress, string ToName, string Subject, string Body);

/// <summary>Sends email through the office's SMTP server with MailKit. Never logs the SMTP password or the message body.</summary>
public sealed partial class EmailSender(IOptions<EmailOptions> options, ILogger<EmailSender> logger)
{
    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>Sends the message; returns null when the server accepted it, or what went wrong in words.</summary>
    public async Task<string?> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return "Email is not set up (no SMTP server in the settings under Email:Host).";
        }

        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Body };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        try
        {
            var security = settings.Security switch
            {
                EmailSecurity.StartTls => SecureSocketOptions.StartTls,
                EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                EmailSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.Auto,
            };
            await client.ConnectAsync(settings.Host, settings.Port, security, timeout.Token);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password, timeout.Token);
            }

            await client.SendAsync(mime, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            LogSent(logger, message.Subject, message.ToAddress);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"The mail server {settings.Host}:{settings.Port} did not answer within {settings.TimeoutSeconds} seconds.";
        }
        catch (AuthenticationException)
        {
            return $"The mail server {settings.Host} refused PressDeck's sign-in: check Email:UserName and Email:Password.";
        }
        catch (Exception exception) when (exception is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or IOException
            or System.Net.Sockets.SocketException or SslHandshakeException)
        {
            LogFailed(logger, exception, message.ToAddress);
            return $"The mail server {settings.Host}:{settings.Port} could not take the message: {exception.Message}";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent \"{Subject}\" to {Address}")]
    private static partial void LogSent(ILogger logger, string subject, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send email to {Address}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string address);
}
