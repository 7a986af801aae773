using Microsoft.Extensions.Options;
using PressDeck.Connectors.Net;

namespace PressDeck.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>The named HttpClient for long-lived streams from typed-in servers (SSRF-guarded, no overall timeout).</summary>
    public const string StreamingClient = "typed-address-streams";

    /// <summary>Connected network accounts, their encrypted secrets, and the SSRF-guarded client for addresses people type in.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<OutboundHttpOptions>().BindConfiguration(OutboundHttpOptions.Section);
        services.AddHttpClient(AccountVerifier.TypedAddressClient, client =>
            {
                client.Timeout = TimeSpan.FromSeconds(30);
                client.MaxResponseContentBufferSize = 10 * 1024 * 1024;
            })
            .ConfigurePrimaryHttpMessageHandler(provider => OutboundHttp.CreateHandler(provider.GetRequiredService<IOptions<OutboundHttpOptions>>().Value));
        services.AddHttpClient(StreamingClient, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => OutboundHttp.CreateHandler(provider.GetRequiredService<IOptions<OutboundHttpOptions>>().Value));
        services.AddSingleton<AccountSecrets>();
        services.AddSingleton<ConnectedAccountDirectory>();
        services.AddSingleton<BlueskySessions>();
        services.AddSingleton<AccountVerifier>();
        services.AddScoped<ConnectedAccountService>();
        return services;
    }
}
