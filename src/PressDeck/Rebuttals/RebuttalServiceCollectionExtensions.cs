namespace PressDeck.Rebuttals;

public static class RebuttalServiceCollectionExtensions
{
    public static IServiceCollection AddRebuttals(this IServiceCollection services)
    {
        services.AddOptions<RebuttalOptions>().BindConfiguration(RebuttalOptions.Section);
        services.AddSingleton<RebuttalEvents>();
        services.AddSingleton<ISpreadReader, DemoSpreadReader>();
        services.AddSingleton<ISpreadReader, BlueskySpreadReader>();
        services.AddSingleton<ISpreadReader, MastodonSpreadReader>();
        services.AddSingleton<ISpreadReader, XSpreadReader>();
        services.AddSingleton<RebuttalTracker>();
        services.AddHostedService(provider => provider.GetRequiredService<RebuttalTracker>());
        services.AddScoped<RebuttalService>();
        return services;
    }
}
