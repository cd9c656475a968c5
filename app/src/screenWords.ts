/** Each screen's title and one line on what it is for: the home screen's tiles and each screen's h1. */
import { defineWords } from './i18n.js';
import type { ScreenName } from './screens.js';

type Titles = Record<ScreenName, { readonly title: string; readonly about: string }>;

export const screenTitles = defineWords<Titles>(
  {
    home: { title: '首页', about: '' },
    activate: { title: '激活设备', about: '' },
    outbox: { title: '发送队列', about: '离线记录、待发送和被拒绝的记录' },
    commission: { title: '赋码建批', about: '新建批次、填写承诺达标合格证并打印标签' },
    handOff: { title: '交付', about: '扫码交付给下游经营主体或未注册买方' },
    receive: { title: '收货', about: '扫码确认接收或拒收' },
    records: { title: '生产记录', about: '投入品使用、农事操作等记录' },
    processing: { title: '合并与加工', about: '多个批次合并或加工成新批次' },
    sale: { title: '零售', about: '登记零售销售' },
    review: { title: '注册审核', about: '本地区待审核的经营主体' },
    directory: { title: '监管主体目录', about: '本地区经营主体及其状态' },
    inspect: { title: '监督检查', about: '扫描身份码开始检查，跟踪整改' },
    monitor: { title: '抽样监测', about: '抽样任务、抽样和检测结果' },
    cases: { title: '执法办案', about: '案件、记录和处罚' },
    alerts: { title: '预警与风险', about: '本地区的风险预警和风险线索' },
    reports: { title: '统计报表', about: '追溯覆盖率和主体活跃度图表' },
  },
  {
    home: { title: 'Home', about: '' },
    activate: { title: 'Activate device', about: '' },
    outbox: { title: 'Outbox', about: 'Writes made offline, pending and refused' },
    commission: { title: 'New lot', about: 'Create a lot, fill in its certificate and print its label' },
    handOff: { title: 'Hand off', about: 'Scan to hand off to a registered or unregistered buyer' },
    receive: { title: 'Receive', about: 'Scan to accept or reject an incoming lot' },
    records: { title: 'Production records', about: 'Input use, field operations and other records' },
    processing: { title: 'Merge and process', about: 'Merge lots or process them into a new lot' },
    sale: { title: 'Retail sale', about: 'Record a retail sale' },
    review: { title: 'Registration review', about: 'Operators of your region awaiting review' },
    directory: { title: 'Operator directory', about: 'Operators of your region and their status' },
    inspect: { title: 'Inspection', about: 'Scan an identity card to inspect; follow rectifications' },
    monitor: { title: 'Sampling', about: 'Sampling tasks, samples and lab results' },
    cases: { title: 'Enforcement', about: 'Cases, records and penalties' },
    alerts: { title: 'Alerts and risks', about: "Your region's risk alerts and findings" },
    reports: { title: 'Reports', about: 'Trace coverage and activity charts' },
  },
);
