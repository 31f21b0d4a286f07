import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { RequireAuth, RequireRole, RequireSecondFactor } from './auth/guards';
import {
  ADMIN_ROLES,
  CATALOG_READERS,
  COMMUNITY_ROLES,
  DOSSIER_READERS,
  EVALUATION_ROLES,
  HOME_SERVICE_ROLES,
  ASSIST_ROLES,
  QUEUE_SETUP_ROLES,
  HOTLINE_ROLES,
  LEADER_ROLES,
  PAYMENT_READERS,
  POSTAL_ROLES,
  QUEUE_ROLES,
  RECEPTION_ROLES,
  REPORT_READERS,
} from './auth/roles';
import { Loading } from './components/common';
import { Shell } from './components/Shell';

// Every page loads on demand (Shell shows a spinner meanwhile): the first download carries only the
// frame, and each citizen page brings its own code.
const HomePage = lazy(() => import('./pages/HomePage').then((m) => ({ default: m.HomePage })));
const ProcedurePage = lazy(() => import('./pages/ProcedurePage').then((m) => ({ default: m.ProcedurePage })));
const TrackPage = lazy(() => import('./pages/TrackPage').then((m) => ({ default: m.TrackPage })));
const UnitPage = lazy(() => import('./pages/UnitPage'));
const StatisticsPage = lazy(() => import('./pages/StatisticsPage'));
const FeedbackPage = lazy(() => import('./pages/FeedbackPage').then((m) => ({ default: m.FeedbackPage })));
const LoginPage = lazy(() => import('./pages/LoginPage').then((m) => ({ default: m.LoginPage })));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));

// Pages behind a login or a link load on demand too.
const RegisterPage = lazy(() => import('./pages/RegisterPage'));
const ResetPasswordPage = lazy(() => import('./pages/ResetPasswordPage'));
const ProfilePage = lazy(() => import('./pages/ProfilePage'));
const MyApplicationsPage = lazy(() => import('./pages/apply/MyApplicationsPage'));
const ApplicationPage = lazy(() => import('./pages/apply/ApplicationPage'));

// The back office is only needed by staff: keep it out of the citizen's first download.
const ApplicationsInboxPage = lazy(() => import('./pages/office/ApplicationsInboxPage'));
const PaymentsPage = lazy(() => import('./pages/office/PaymentsPage'));
const ReportsPage = lazy(() => import('./pages/office/ReportsPage'));
const DashboardPage = lazy(() => import('./pages/office/DashboardPage'));
const OverviewPage = lazy(() => import('./pages/office/OverviewPage'));
const AdminProceduresPage = lazy(() => import('./pages/office/AdminProceduresPage'));
const ProcedureEditorPage = lazy(() => import('./pages/office/ProcedureEditorPage'));
const CalendarPage = lazy(() => import('./pages/office/CalendarPage'));
const UsersPage = lazy(() => import('./pages/office/UsersPage'));
const ReceptionPage = lazy(() => import('./pages/office/ReceptionPage'));
const DossiersPage = lazy(() => import('./pages/office/DossiersPage'));
const DossierPage = lazy(() => import('./pages/office/DossierPage'));
const LeaderPage = lazy(() => import('./pages/office/LeaderPage'));
const LogbookPage = lazy(() => import('./pages/office/LogbookPage'));
const OfficeFeedbackPage = lazy(() => import('./pages/office/FeedbackPage'));
const CounterPage = lazy(() => import('./pages/office/CounterPage'));
const PostalPage = lazy(() => import('./pages/office/PostalPage'));
const HomeServicePage = lazy(() => import('./pages/office/HomeServicePage'));
const HotlinePage = lazy(() => import('./pages/office/HotlinePage'));
const CommunityPage = lazy(() => import('./pages/office/CommunityPage'));
const AssistPage = lazy(() => import('./pages/assist/AssistPage'));
const QueueSetupPage = lazy(() => import('./pages/office/QueueSetupPage'));
const EvaluationPage = lazy(() => import('./pages/office/EvaluationPage'));
const SecurityPage = lazy(() => import('./pages/office/SecurityPage'));

// The hall's own screens: a touch kiosk and a TV, full screen, without the site's frame.
const KioskPage = lazy(() => import('./pages/queue/KioskPage'));
const DisplayPage = lazy(() => import('./pages/queue/DisplayPage'));
const TicketPage = lazy(() => import('./pages/queue/TicketPage'));
const RatePage = lazy(() => import('./pages/queue/RatePage'));

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<Shell />}>
          <Route index element={<HomePage />} />
          <Route path="track/:code?" element={<TrackPage />} />
          <Route path="units/:code" element={<UnitPage />} />
          <Route path="procedures/:code" element={<ProcedurePage />} />
          <Route path="feedback" element={<FeedbackPage />} />
          <Route path="statistics" element={<StatisticsPage />} />
          <Route path="queue/ticket/:id" element={<TicketPage />} />
          <Route path="login" element={<LoginPage />} />
          <Route path="register" element={<RegisterPage />} />
          <Route path="reset-password" element={<ResetPasswordPage />} />
          <Route
            path="me"
            element={
              <RequireAuth>
                <MyApplicationsPage />
              </RequireAuth>
            }
          />
          <Route
            path="me/profile"
            element={
              <RequireAuth>
                <ProfilePage />
              </RequireAuth>
            }
          />
          <Route
            path="applications/:id"
            element={
              <RequireAuth>
                <ApplicationPage />
              </RequireAuth>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route path="kiosk/:unitCode" element={<KioskPage />} />
        <Route path="display/:unitCode" element={<DisplayPage />} />
        <Route path="rate/:counterId" element={<RatePage />} />
        <Route
          path="office"
          element={
            <RequireAuth>
              <RequireSecondFactor>
                <Shell office />
              </RequireSecondFactor>
            </RequireAuth>
          }
        >
          <Route index element={<OverviewPage />} />
          <Route path="security" element={<SecurityPage />} />
          <Route path="reception" element={<RequireRole roles={RECEPTION_ROLES} />}>
            <Route index element={<ReceptionPage />} />
          </Route>
          <Route path="postal" element={<RequireRole roles={POSTAL_ROLES} />}>
            <Route index element={<PostalPage />} />
          </Route>
          <Route path="home-service" element={<RequireRole roles={HOME_SERVICE_ROLES} />}>
            <Route index element={<HomeServicePage />} />
          </Route>
          <Route path="queue-setup" element={<RequireRole roles={QUEUE_SETUP_ROLES} />}>
            <Route index element={<QueueSetupPage />} />
          </Route>
          <Route path="assist" element={<RequireRole roles={ASSIST_ROLES} />}>
            <Route index element={<AssistPage />} />
          </Route>
          <Route path="hotline" element={<RequireRole roles={HOTLINE_ROLES} />}>
            <Route index element={<HotlinePage />} />
          </Route>
          <Route path="community" element={<RequireRole roles={COMMUNITY_ROLES} />}>
            <Route index element={<CommunityPage />} />
          </Route>
          <Route path="evaluation" element={<RequireRole roles={EVALUATION_ROLES} />}>
            <Route index element={<EvaluationPage />} />
          </Route>
          <Route path="counter" element={<RequireRole roles={QUEUE_ROLES} />}>
            <Route index element={<CounterPage />} />
          </Route>
          <Route path="applications" element={<RequireRole roles={RECEPTION_ROLES} />}>
            <Route index element={<ApplicationsInboxPage />} />
          </Route>
          <Route path="payments" element={<RequireRole roles={PAYMENT_READERS} />}>
            <Route index element={<PaymentsPage />} />
          </Route>
          <Route path="dossiers" element={<RequireRole roles={DOSSIER_READERS} />}>
            <Route index element={<DossiersPage />} />
            <Route path=":code" element={<DossierPage />} />
          </Route>
          <Route path="logbook" element={<RequireRole roles={DOSSIER_READERS} />}>
            <Route index element={<LogbookPage />} />
          </Route>
          <Route path="feedback" element={<RequireRole roles={DOSSIER_READERS} />}>
            <Route index element={<OfficeFeedbackPage />} />
          </Route>
          <Route path="reports" element={<RequireRole roles={REPORT_READERS} />}>
            <Route index element={<ReportsPage />} />
          </Route>
          <Route path="dashboard" element={<RequireRole roles={REPORT_READERS} />}>
            <Route index element={<DashboardPage />} />
          </Route>
          <Route path="leader" element={<RequireRole roles={LEADER_ROLES} />}>
            <Route index element={<LeaderPage />} />
          </Route>
          <Route path="admin/procedures" element={<RequireRole roles={CATALOG_READERS} />}>
            <Route index element={<AdminProceduresPage />} />
          </Route>
          <Route path="admin" element={<RequireRole roles={ADMIN_ROLES} />}>
            <Route path="procedures/new" element={<ProcedureEditorPage />} />
            <Route path="procedures/:code/edit" element={<ProcedureEditorPage />} />
            <Route path="calendar" element={<CalendarPage />} />
            <Route path="users" element={<UsersPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
