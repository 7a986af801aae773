using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PressDeck.Connectors.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>
    /// Registers the demo world, factory and network as singletons. Binding and validating <see cref="DemoOptions"/>
    /// is the host's part (<c>AddOptions&lt;DemoOptions&gt;().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart()</c>),
    /// because this project does not reference the configuration-binding and data-annotations option packages.
    /// </summary>
    public static IServiceCollection AddDemoNetwork(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DemoOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DemoOptions>>().Value;
            return new DemoWorld(options.Seed, options.OfficeHandle, options.OfficeDisplayName);
        });
        services.TryAddSingleton<DemoPostFactory>();
        services.TryAddSingleton<DemoNetwork>();
        services.TryAddSingleton<DemoLists>();
        return services;
    }
}
