namespace PressDeck.Inbox;

public static class InboxServiceCollectionExtensions
{
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InboxEvents>();
        services.AddSingleton<InboxPresence>();
        services.AddSingleton<InboxRouting>();
        services.AddSingleton<InboxMessenger>();
        services.AddSingleton<InboxIntake>();
        services.AddSingleton<InboxAnswers>();
        services.AddSingleton<InboxWatch>();
        services.AddHostedService(provider => provider.GetRequiredService<InboxWatch>());
        services.AddScoped<InboxService>();
        return services;
    }
}
