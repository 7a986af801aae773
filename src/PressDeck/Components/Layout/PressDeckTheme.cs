using MudBlazor;

namespace PressDeck.Components.Layout;

/// <summary>A calm, high-contrast palette (text at least 4.5:1 on its background in both themes).</summary>
public static class PressDeckTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4ed8",
            Secondary = "#0f766e",
            AppbarBackground = "#ffffff",
            Background = "#f3f4f6",
            Surface = "#ffffff",
            TextPrimary = "#111827",
            TextSecondary = "#4b5563",
            DrawerBackground = "#ffffff",
            Error = "#b91c1c",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#93b4fd",
            PrimaryContrastText = "#0f1115",
            Secondary = "#5eead4",
            SecondaryContrastText = "#0f1115",
            Background = "#0f1115",
            Surface = "#181b21",
            TextPrimary = "#e5e7eb",
            TextSecondary = "#a1a8b3",
            DrawerBackground = "#181b21",
            Error = "#f87171",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
                FontSize = "0.9375rem",
            },
            // Sentence case, as GOV.UK forms: capitals read as shouting.
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "600" },
        },
    };
}
