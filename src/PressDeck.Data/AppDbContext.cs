using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PressDeck.Data.Accounts;
using PressDeck.Data.Archive;
using PressDeck.Data.Audit;
using PressDeck.Data.Contacts;
using PressDeck.Data.Decks;
using PressDeck.Data.Feeds;
using PressDeck.Data.Identity;
using PressDeck.Data.Inbox;
using PressDeck.Data.Ingest;
using PressDeck.Data.Lines;
using PressDeck.Data.Lists;
using PressDeck.Data.Publishing;
using PressDeck.Data.Rebuttals;
using PressDeck.Data.Team;
using PressDeck.Data.Visits;

namespace PressDeck.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Deck> Decks => Set<Deck>();

    public DbSet<DeckColumn> Columns => Set<DeckColumn>();

    public DbSet<AccountList> Lists => Set<AccountList>();

    public DbSet<ListMember> ListMembers => Set<ListMember>();

    public DbSet<ListPush> ListPushes => Set<ListPush>();

    public DbSet<ArchivedPost> Posts => Set<ArchivedPost>();

    public DbSet<PostVersion> PostVersions => Set<PostVersion>();

    public DbSet<SourceCheckpoint> SourceCheckpoints => Set<SourceCheckpoint>();

    public DbSet<SourcePause> SourcePauses => Set<SourcePause>();

    public DbSet<ConnectedAccount> ConnectedAccounts => Set<ConnectedAccount>();

    public DbSet<NewsFeed> NewsFeeds => Set<NewsFeed>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Desk> Desks => Set<Desk>();

    public DbSet<ApproverGroup> ApproverGroups => Set<ApproverGroup>();

    public DbSet<ApproverGroupMember> ApproverGroupMembers => Set<ApproverGroupMember>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<PostDraft> Drafts => Set<PostDraft>();

    public DbSet<DraftTarget> DraftTargets => Set<DraftTarget>();

    public DbSet<DraftImage> DraftImages => Set<DraftImage>();

    public DbSet<DraftReview> DraftReviews => Set<DraftReview>();

    public DbSet<ApprovalPolicy> ApprovalPolicies => Set<ApprovalPolicy>();

    public DbSet<ApprovalStep> ApprovalSteps => Set<ApprovalStep>();

    public DbSet<ElectionPeriod> ElectionPeriods => Set<ElectionPeriod>();

    public DbSet<VisitPlan> VisitPlans => Set<VisitPlan>();

    public DbSet<LineToTake> LinesToTake => Set<LineToTake>();

    public DbSet<InboxItem> InboxItems => Set<InboxItem>();

    public DbSet<InboxLogEntry> InboxLog => Set<InboxLogEntry>();

    public DbSet<InboxRule> InboxRules => Set<InboxRule>();

    public DbSet<InboxSettings> InboxSettings => Set<InboxSettings>();

    public DbSet<Rebuttal> Rebuttals => Set<Rebuttal>();

    public DbSet<RebuttalEvent> RebuttalEvents => Set<RebuttalEvent>();

    public DbSet<SpreadSample> SpreadSamples => Set<SpreadSample>();

    public DbSet<VisitPlanItem> VisitPlanItems => Set<VisitPlanItem>();

    public DbSet<VisitPlanContact> VisitPlanContacts => Set<VisitPlanContact>();

    public DbSet<AccountGroup> AccountGroups => Set<AccountGroup>();

    public DbSet<AccountGroupMember> AccountGroupMembers => Set<AccountGroupMember>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<ContactHandle> ContactHandles => Set<ContactHandle>();

    public DbSet<ContactInteraction> ContactInteractions => Set<ContactInteraction>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
