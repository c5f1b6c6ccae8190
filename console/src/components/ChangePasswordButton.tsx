import { KeyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../api';
import { graphql } from '../gql';
import { useSession } from '../session';

const Change = graphql(`
  mutation ConsoleChangeOwnPassword($current: String!, $next: String!) { changeOwnPassword(currentPassword: $current, newPassword: $next) }
`);

/** 修改密码: the person's own password; the hub ends every session, so they sign in again with the new one. */
export function ChangePasswordButton() {
  const { message } = App.useApp();
  const { signOut } = useSession();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, change] = useMutation(Change);
  const [form] = Form.useForm<{ current: string; next: string; repeat: string }>();
  const submit = async (v: { current: string; next: string }) => {
    setError(null);
    const r = await change({ current: v.current, next: v.next });
    if (r.error) return setError(describeError(r.error));
    setOpen(false);
    message.success('密码已修改');
    await signOut('密码已修改，所有会话已结束，请用新密码登录');
  };
  return (
    <>
      <Button size="small" icon={<KeyOutlined />} onClick={() => (form.resetFields(), setError(null), setOpen(true))} data-testid="change-password">修改密码</Button>
      <Modal title="修改密码" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="修改" cancelText="取消" confirmLoading={fetching} forceRender>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="change-password-error" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="当前密码" name="current" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item label="新密码" name="next" extra="至少 10 个字符，不能包含登录名；修改后所有会话结束，需重新登录。" rules={[{ required: true, min: 10, message: '新密码至少 10 个字符' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="再次输入新密码"
            name="repeat"
            dependencies={['next']}
            rules={[{ required: true, message: '请再次输入新密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))) })]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
