/** The app's words, zh-CN first; `?lang=en` or the switch picks English and the choice is remembered. */
import { signal } from './signal.js';

export type Lang = 'zh-CN' | 'en';

const zh = {
  appName: '溯源',
  switchLanguage: 'English',
  switchLanguageLabel: '切换为英文界面',
  activating: '正在激活本设备…',
  activated: '本设备已激活',
  activationFailed: '激活失败',
  activationMissing: '激活链接不完整：请重新扫描管理员提供的二维码。',
  activationGone: '此激活链接已使用或已过期：请向管理员申请新的激活链接。',
  notSignedIn: '本设备尚未激活',
  notSignedInHelp: '请用手机扫描管理员或审核员发给您的激活二维码，或打开激活链接。',
  signedInAs: '当前登录',
  name: '名称',
  role: '角色',
  region: '地区',
  nationwide: '全国',
  signOut: '退出登录',
  signOutHelp: '退出后本设备不再保存密钥，需要重新激活。',
  operator: '经营主体',
  holdings: '持有批次',
  held: '在手',
  inTransit: '在途（待接收）',
  none: '暂无',
  code: '追溯码',
  product: '产品',
  quantity: '数量',
  available: '可用',
  status: '状态',
  loading: '加载中…',
  loadFailed: '加载失败',
  offline: '离线：显示的是本设备缓存的界面',
  keyRevoked: '此设备的密钥已失效，请重新激活。',
  accept: '接收',
  acceptLot: '接收批次',
  outbox: '发送队列',
  outboxHelp: '每条记录带有唯一的幂等键，重试不会重复记录。',
  syncNow: '立即发送',
  dismiss: '移除',
  states: { pending: '待发送', sent: '已发送', refused: '被拒绝' } as Record<string, string>,
  lastAttempt: '上次尝试',
  noConnection: '无网络连接',
  newCode: '新追溯码',
  tasks: '功能',
  roles: {
    admin: '管理员',
    reviewer: '审核员',
    inspector: '检查员',
    monitor: '监测员',
    enforcer: '执法员',
    operator: '经营主体',
    auditor: '审计员',
    subscriber: '订阅者',
  } as Record<string, string>,
};

export type Words = typeof zh;

const en: Words = {
  appName: 'Suyuan',
  switchLanguage: '中文',
  switchLanguageLabel: 'Switch to Chinese',
  activating: 'Activating this device…',
  activated: 'This device is activated',
  activationFailed: 'Activation failed',
  activationMissing: 'The activation link is incomplete: scan the QR code you were given again.',
  activationGone: 'This activation link was used already or has expired: ask for a new one.',
  notSignedIn: 'This device is not activated',
  notSignedInHelp: 'Scan the activation QR code an admin or reviewer gave you, or open the activation link.',
  signedInAs: 'Signed in',
  name: 'Name',
  role: 'Role',
  region: 'Region',
  nationwide: 'Nationwide',
  signOut: 'Sign out',
  signOutHelp: 'Signing out forgets the key on this device; it must be activated again.',
  operator: 'Operator',
  holdings: 'Holdings',
  held: 'Held',
  inTransit: 'In transit to me',
  none: 'None',
  code: 'Trace code',
  product: 'Product',
  quantity: 'Quantity',
  available: 'Available',
  status: 'Status',
  loading: 'Loading…',
  loadFailed: 'Could not load',
  offline: 'Offline: this is the interface cached on this device',
  keyRevoked: 'The key of this device no longer works: activate it again.',
  accept: 'Accept',
  acceptLot: 'Accept lot',
  outbox: 'Outbox',
  outboxHelp: 'Each write carries its own idempotency key: a retry is never recorded twice.',
  syncNow: 'Send now',
  dismiss: 'Remove',
  states: { pending: 'Pending', sent: 'Sent', refused: 'Refused' },
  lastAttempt: 'Last attempt',
  noConnection: 'no connection',
  newCode: 'New trace code',
  tasks: 'Tasks',
  roles: {
    admin: 'Admin',
    reviewer: 'Reviewer',
    inspector: 'Inspector',
    monitor: 'Monitor',
    enforcer: 'Enforcer',
    operator: 'Operator',
    auditor: 'Auditor',
    subscriber: 'Subscriber',
  },
};

const LANG_KEY = 'suyuan.lang';

function initialLang(): Lang {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'zh-CN') return asked;
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
}

export const lang = signal<Lang>(initialLang());

/** words: the strings of the current language. */
export const words = (): Words => (lang.get() === 'en' ? en : zh);

export function setLang(next: Lang): void {
  localStorage.setItem(LANG_KEY, next);
  document.documentElement.lang = next;
  lang.set(next);
}

/**
 * defineWords: a screen's own strings, zh-CN first, English of the same shape; call the result
 * while rendering (`const t = screenWords()`) to get those of the current language.
 */
export function defineWords<T>(zhWords: T, enWords: NoInfer<T>): () => T {
  return () => (lang.get() === 'en' ? enWords : zhWords);
}
