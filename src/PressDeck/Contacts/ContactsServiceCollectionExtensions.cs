namespace PressDeck.Contacts;

public static class ContactsServiceCollectionExtensions
{
    /// <summary>The contacts directory: its service, the sources of a contact's history, and the person export.</summary>
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.AddOptions<ContactsOptions>().BindConfiguration(ContactsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IContactHistorySource, ArchivedPostHistory>();
        services.AddScoped<IContactHistorySource, LoggedInteractionHistory>();
        services.AddScoped<IContactHistorySource, Inbox.InboxHistory>();
        services.AddScoped<ContactHistory>();
        services.AddScoped<ContactService>();
        services.AddScoped<PersonalDataExport>();
        return services;
    }
}
